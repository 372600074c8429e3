package pro.dailydoco.sso;

import java.util.List;

/** Reads DNS TXT records; an interface so that tests never depend on real DNS. */
public interface DnsTxtLookup {

    /** The TXT strings at {@code name}; empty when there are none or the name does not exist. */
    List<String> txt(String name);
}
