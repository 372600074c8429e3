package pro.dailydoco.core.database;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.quarkus.logging.Log;

/**
 * The passwords of the embedded server's roles: generated when the data directory is created and kept in it, in a
 * file only its owner may read (0600). Deleting the file gives every role a new password at the next start.
 */
record RolePasswords(Map<String, String> byRole) {

    static final String FILE_NAME = "dailydoco-passwords.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fresh passwords for {@code roles}: 32 random bytes each, URL-safe Base64 (nothing to quote or escape). */
    static RolePasswords generate(List<String> roles) {
        Map<String, String> byRole = new LinkedHashMap<>();
        for (String role : roles) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            byRole.put(role, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return new RolePasswords(byRole);
    }

    static Path file(Path dataDirectory) {
        return dataDirectory.resolve(FILE_NAME);
    }

    /** The passwords kept in {@code dataDirectory}, or null when it has none yet. */
    static RolePasswords read(Path dataDirectory, List<String> roles) throws IOException {
        Path file = file(dataDirectory);
        if (!Files.exists(file)) {
            return null;
        }
        if (PrivateFiles.posix() && !Files.getPosixFilePermissions(file).equals(PrivateFiles.OWNER_ONLY)) {
            Log.warnf("%s could be read by others (%s); only its owner can now", file,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            Files.setPosixFilePermissions(file, PrivateFiles.OWNER_ONLY);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> byRole = new LinkedHashMap<>();
        for (String role : roles) {
            String password = properties.getProperty(role);
            if (password == null || password.isBlank()) {
                throw new IOException(file + " has no password for " + role
                        + "; delete the file to give every role a new password at the next start");
            }
            byRole.put(role, password);
        }
        return new RolePasswords(byRole);
    }

    void writeTo(Path dataDirectory) throws IOException {
        StringBuilder text = new StringBuilder(
                "# Passwords of the embedded PostgreSQL's roles, generated for this data directory. Keep it private.\n");
        byRole.forEach((role, password) -> text.append(role).append('=').append(password).append('\n'));
        PrivateFiles.write(file(dataDirectory), text.toString());
    }

    String of(String role) {
        return byRole.get(role);
    }
}
