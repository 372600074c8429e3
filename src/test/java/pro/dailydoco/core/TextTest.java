package pro.dailydoco.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void charactersAreCodePointsWithALineBreakCountedOnce() {
        assertEquals(2000, Text.characters("😀".repeat(2000)), "an emoji is one character, not two UTF-16 units");
        assertEquals(1100, Text.characters("ש".repeat(1100)));
        assertEquals(3, Text.characters("a\r\nb"), "a text area's CR LF is one line break");
        assertEquals(3, Text.characters("a\nb"));
        assertEquals(2, Text.characters("👍🏽"), "a skin-tone modifier is a code point of its own");
        assertEquals(0, Text.characters(null));
    }

    @Test
    void controlCharactersAreRefusedButTabsAndLineBreaksAreText() {
        assertEquals(OptionalInt.of(0), Text.forbiddenCharacter("a\u0000b"));
        assertEquals(OptionalInt.of(0x1B), Text.forbiddenCharacter("\u001b[31mred"));
        assertEquals(OptionalInt.of(0x7F), Text.forbiddenCharacter("del\u007f"));
        assertEquals(OptionalInt.of(0x85), Text.forbiddenCharacter("next line\u0085"));
        assertTrue(Text.forbiddenCharacter("tab\there\r\nline\nשלום 😀 \u202Eright-to-left \uFFFD").isEmpty());
        assertEquals("U+0000", Text.codePoint(0));
    }

    @Test
    void truncatingNeverSplitsACharacter() {
        assertEquals("😀😀", Text.truncate("😀😀😀", 2));
        assertEquals("ab", Text.truncate("ab", 5));
    }
}
