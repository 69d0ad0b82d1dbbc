package dev.mailwright.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    /** Cheap parameters: most tests are about formats, not cost. */
    private final PasswordHasher cheap = PasswordHasher.builder().memoryKiB(64).iterations(1).build();

    @Test
    void argon2idMatchesRfc9106Section5_3() {
        byte[] password = filled(32, 0x01);
        byte[] salt = filled(16, 0x02);
        byte[] secret = filled(8, 0x03);
        byte[] associatedData = filled(12, 0x04);
        byte[] tag = Argon2Hash.derive(password, salt, secret, associatedData,
                Argon2Parameters.ARGON2_VERSION_13, 32, 3, 4, 32);
        assertThat(HexFormat.ofDelimiter(" ").formatHex(tag)).isEqualTo(
                "0d 64 0d f5 8d 78 76 6c 08 c0 37 a3 4a 8b 53 c9 d0 1e f0 45 2d 75 b6 5e b5 25 20 e9 6b 01 e6 59");
    }

    /** PHC strings made by the reference implementation's command line tool (argon2 20190702). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "password            | $argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "correct horse battery staple | $argon2id$v=19$m=4096,t=2,p=1$bWFpbHdyaWdodHNhbHQwMQ$mU2lSdVYO8ouVPoP+fN9jdnMllQXxd+45eC84++v424",
        "password            | $argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$F1jG2CV3/Nr+yRuIsPKw0J9r4s7cJHBU",
        "Tr0ub4dor&3         | $argon2id$v=19$m=1024,t=3,p=2$c2l4dGVlbiBieXRlIHNsdA$z7jCe2pSwArxm1F7BSmiDytlYmv456mJ0xLZtrlORjiaS0Kx4rmyH9V7h66l0PnHrQv6venH35vN3mLBbuNWWg",
        "pässwörd ✓          | $argon2id$v=19$m=256,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$F2/ch2X1yGzgaUQtVTGqRmmndDBsUHtRQ+zl0ewzxjE",
    })
    void verifiesReferenceArgon2idStrings(String password, String phc) {
        assertThat(cheap.verify(password, phc)).isTrue();
        assertThat(cheap.verify(password + "x", phc)).isFalse();
        assertThat(cheap.recognizes(phc)).isTrue();
        // Dovecot stores the same string behind a scheme prefix.
        assertThat(cheap.verify(password, "{ARGON2ID}" + phc)).isTrue();
    }

    @Test
    void producesTheReferenceToolsPhcString() {
        PasswordHasher hasher = PasswordHasher.builder().memoryKiB(4096).iterations(2).parallelism(1).build();
        String phc = hasher.hash("The quick brown fox", "mailwright-salt!".getBytes(StandardCharsets.US_ASCII));
        assertThat(phc).isEqualTo(
                "$argon2id$v=19$m=4096,t=2,p=1$bWFpbHdyaWdodC1zYWx0IQ$4I5lB7DTZk0WSiQ+hdBbcb5E3QWNkIA3fv4251USyN4");
    }

    @Test
    void defaultsFollowOwasp() {
        PasswordHasher hasher = PasswordHasher.defaults();
        assertThat(hasher.memoryKiB()).isEqualTo(19456);
        assertThat(hasher.iterations()).isEqualTo(2);
        assertThat(hasher.parallelism()).isEqualTo(1);
        String phc = hasher.hash("s3cret!");
        assertThat(phc).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("s3cret!", phc)).isTrue();
        assertThat(hasher.verify("s3cret?", phc)).isFalse();
    }

    @Test
    void eachHashHasItsOwnSalt() {
        String first = cheap.hash("same password");
        String second = cheap.hash("same password");
        assertThat(first).isNotEqualTo(second);
        assertThat(cheap.verify("same password", first)).isTrue();
        assertThat(cheap.verify("same password", second)).isTrue();
    }

    /** Openwall crypt_blowfish test vectors and hashes made with htpasswd -B (Apache 2.4). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "U*U         | $2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "U*U*        | $2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK",
        "U*U*U       | $2a$05$XXXXXXXXXXXXXXXXXXXXXOAcXxm9kjPGEMsLznoKqmqw7tc8WCx4a",
        "open sesame | $2y$05$VMs96AAWM3Vr5hA1hS/azudLkAj0WKRqebSykGYRN93NmboMkVipG",
        "hunter2     | $2y$04$UnjteaBRnshnPfYFLZgYS.CazGvqhvSF7NDLcCKQ3lpvcxRz0ZmpW",
        "pässwörd ✓  | $2y$04$uuJ0ehaSeHpsagqyJYsxveHGHQXeeWZUxDuGoMkeeMqYCU8VHj83G",
    })
    void verifiesBcrypt(String password, String hash) {
        assertThat(cheap.verify(password, hash)).isTrue();
        assertThat(cheap.verify(password.substring(1), hash)).isFalse();
        assertThat(cheap.recognizes(hash)).isTrue();
        // maddy's prefix, Dovecot's schemes, and $2b$ (same algorithm, other name).
        assertThat(cheap.verify(password, "bcrypt:" + hash)).isTrue();
        assertThat(cheap.verify(password, "{BLF-CRYPT}" + hash)).isTrue();
        assertThat(cheap.verify(password, "{CRYPT}" + hash)).isTrue();
        assertThat(cheap.verify(password, "$2b$" + hash.substring(4))).isTrue();
    }

    @Test
    void bcryptUsesOnlyTheFirst72Bytes() {
        String hash = "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui";
        String password = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        assertThat(cheap.verify(password + "chars after 72 are ignored", hash)).isTrue();
        assertThat(cheap.verify(password, hash)).isTrue();
        assertThat(cheap.verify(password.substring(1), hash)).isFalse();
    }

    @Test
    void verifiesMaddyArgon2() {
        // maddy: argon2:<time>:<memory KiB>:<threads>:<salt>:<64-byte key>, standard base64 with padding;
        // the key is the reference tool's raw output for these parameters.
        String hash = "argon2:3:1024:2:c2l4dGVlbiBieXRlIHNsdA==:"
                + "z7jCe2pSwArxm1F7BSmiDytlYmv456mJ0xLZtrlORjiaS0Kx4rmyH9V7h66l0PnHrQv6venH35vN3mLBbuNWWg==";
        assertThat(cheap.verify("Tr0ub4dor&3", hash)).isTrue();
        assertThat(cheap.verify("Tr0ub4dor&4", hash)).isFalse();
        assertThat(cheap.recognizes(hash)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "plaintext",
        "$1$deadbeef$0Huu6KHrKLVWfqa4WljDE0",
        "$6$rounds=5000$salt$hash",
        "{SSHA}c2FsdA==",
        "{PLAIN}password",
        "sha256:c2FsdA==:aGFzaA==",
        "$argon2i$v=19$m=4096,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$!!!!",
        "$argon2id$v=18$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=9999,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=8,t=1,p=2$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe",
        "$2a$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2x$05$/OK.fbVrR/bpIqNJ5ianF.CE5elHaaO4EbggVDjb8P19RukzXSM3e",
        "bcrypt:not-a-hash",
        "argon2:3:1024:2:c2FsdA==:aGFzaA==",
        "argon2:3:1024:2:!!!:aGFzaA==",
    })
    void unknownOrMalformedHashesNeverMatchAndNeverThrow(String stored) {
        assertThat(cheap.verify("password", stored)).isFalse();
        assertThat(cheap.verify("U*U", stored)).isFalse();
        assertThat(cheap.recognizes(stored)).isFalse();
    }

    @Test
    void lockedAccountsNeverMatchButAreRecognized() {
        String hash = cheap.hash("pw");
        assertThat(cheap.verify("pw", "!" + hash)).isFalse();
        assertThat(cheap.verify("pw", "*")).isFalse();
        assertThat(cheap.recognizes("!" + hash)).isTrue();
        assertThat(cheap.recognizes("*")).isTrue();
    }

    @Test
    void refusesPasswordsItCannotStore() {
        assertThatThrownBy(() -> cheap.hash("")).hasMessage("password is empty");
        assertThatThrownBy(() -> cheap.hash("a\0b")).hasMessage("password contains a NUL character");
        assertThatThrownBy(() -> cheap.hash("x".repeat(1025))).hasMessage("password longer than 1024 characters");
        String max = "x".repeat(1024);
        assertThat(cheap.verify(max, cheap.hash(max))).isTrue();
        assertThat(cheap.verify("x".repeat(1025), cheap.hash(max))).isFalse();
    }

    @Test
    void builderValidatesParameters() {
        assertThatThrownBy(() -> PasswordHasher.builder().iterations(0).build())
                .hasMessage("argon2id iterations must be 1 to 64: 0");
        assertThatThrownBy(() -> PasswordHasher.builder().parallelism(65).build())
                .hasMessage("argon2id parallelism must be 1 to 64: 65");
        assertThatThrownBy(() -> PasswordHasher.builder().memoryKiB(15).parallelism(2).build())
                .hasMessage("argon2id memory must be 16 to 1048576 KiB: 15");
        assertThatThrownBy(() -> PasswordHasher.builder().memoryKiB(2 << 20).build())
                .hasMessage("argon2id memory must be 8 to 1048576 KiB: 2097152");
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void passwordChecksWaitForAFreeSlot() throws Exception {
        PasswordHasher hasher = PasswordHasher.builder().memoryKiB(64).iterations(1).concurrentChecks(1).build();
        String hash = hasher.hash("secret");
        hasher.checks.acquire();
        java.util.concurrent.CompletableFuture<Boolean> check =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> hasher.verify("secret", hash));
        Thread.sleep(200);
        assertThat(check).isNotDone();
        hasher.checks.release();
        assertThat(check.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(hasher.checks.availablePermits()).isEqualTo(1);
        assertThatThrownBy(() -> PasswordHasher.builder().concurrentChecks(0).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
