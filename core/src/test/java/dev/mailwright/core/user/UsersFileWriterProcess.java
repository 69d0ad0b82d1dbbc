package dev.mailwright.core.user;

import java.nio.file.Path;

/** Run in a separate JVM by {@link FileUserDirectoryTest}: creates users {@code <prefix>0..<prefix>n-1}. */
public final class UsersFileWriterProcess {

    private UsersFileWriterProcess() {
    }

    public static void main(String[] args) {
        PasswordHasher hasher = PasswordHasher.builder().memoryKiB(64).iterations(1).build();
        FileUserDirectory users = FileUserDirectory.builder(Path.of(args[0])).hasher(hasher).build();
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            users.create(args[1] + i, "pw");
        }
    }
}
