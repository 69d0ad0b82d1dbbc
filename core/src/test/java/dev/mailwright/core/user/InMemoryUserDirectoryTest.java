package dev.mailwright.core.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryUserDirectoryTest extends ManagedUserDirectoryContract {

    @Override
    protected ManagedUserDirectory newDirectory(PasswordHasher hasher, PasswordCheck check) {
        return new InMemoryUserDirectory(hasher, check);
    }

    @Test
    void publicConstructorMakesItsOwnDummy() {
        InMemoryUserDirectory users = new InMemoryUserDirectory(hasher);
        users.create("alice", "pw");
        assertThat(users.authenticate("alice", "pw")).contains("alice");
        assertThat(users.authenticate("bob", "pw")).isEmpty();
        assertThat(users).hasToString("InMemoryUserDirectory[1 users]");
    }
}
