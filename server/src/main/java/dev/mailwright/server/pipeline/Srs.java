package dev.mailwright.server.pipeline;

import dev.mailwright.core.MailAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Sender Rewriting Scheme, for mail an alias forwards to another server: the envelope
 * sender becomes an address of ours, {@code SRS0=HHHHHH=TT=domain=local@ours}, so that SPF at the
 * next hop checks our domain (which sent it) instead of the original sender's (which did not).
 * A bounce to that address comes back here, is checked and goes on to the original sender.
 *
 * <p>{@code HHHHHH} is the start of an HMAC-SHA1 over the rest, under a secret of this server,
 * so nobody else can make such an address and use us as a relay: six base64 characters
 * (rather than the four usual elsewhere, since only this server reads them back) leave about
 * 3×10⁹ values to guess even when compared without regard to case, which is done because
 * some servers change the case of local parts. {@code TT} is the day it was made (base32,
 * modulo 1024); an address older than {@value #MAX_AGE_DAYS} days is refused, and one dated a
 * day ahead is taken, for nodes whose clocks straddle midnight. A sender whose SRS address would not fit in the 64
 * octets of a local part, or whose local part is not plain ASCII, is left as it is.
 */
public final class Srs {

    /** How long a rewritten address is accepted back, in days. */
    public static final int MAX_AGE_DAYS = 21;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String PREFIX = "SRS0=";
    private static final int HASH_CHARS = 6;

    private final byte[] secret;
    private final String domain;
    private final Clock clock;

    /**
     * @param secret at least 16 bytes, the same on every node of a cluster
     * @param domain the local domain (A-label) whose addresses carry rewritten senders
     */
    public Srs(byte[] secret, String domain, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the SRS secret needs at least 16 bytes");
        }
        this.secret = secret.clone();
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The domain rewritten senders belong to. */
    public String domain() {
        return domain;
    }

    /** {@code sender} rewritten into an address of ours, or empty when it cannot be (see the class description). */
    public Optional<MailAddress> forward(MailAddress sender) {
        String local = sender.localPart();
        if (!local.chars().allMatch(c -> c > 0x20 && c < 0x7f) || local.startsWith("\"")) {
            return Optional.empty();
        }
        String origin = sender.asciiDomain().toLowerCase(Locale.ROOT);
        String stamp = stamp(today());
        String rest = stamp + "=" + origin + "=" + local;
        String rewritten = PREFIX + hash(stamp, origin, local) + "=" + rest;
        try {
            return Optional.of(MailAddress.parse(rewritten + "@" + domain));
        } catch (IllegalArgumentException e) {
            // Too long for a local part, or not a dot-atom: forward with the sender as it is.
            return Optional.empty();
        }
    }

    /** Whether {@code address} has the form of a rewritten sender of ours, valid or not. */
    public boolean isRewritten(MailAddress address) {
        return address.asciiDomain().equalsIgnoreCase(domain)
                && address.localPart().regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** The original sender of a rewritten address of ours; empty if it is not one, was tampered with or has expired. */
    public Optional<MailAddress> reverse(MailAddress address) {
        if (!isRewritten(address)) {
            return Optional.empty();
        }
        String[] parts = address.localPart().substring(PREFIX.length()).split("=", 4);
        if (parts.length != 4 || parts[0].length() != HASH_CHARS || parts[1].length() != 2 || parts[2].isEmpty() || parts[3].isEmpty()) {
            return Optional.empty();
        }
        String stamp = parts[1].toUpperCase(Locale.ROOT);
        String origin = parts[2].toLowerCase(Locale.ROOT);
        String local = parts[3];
        byte[] expected = hash(stamp, origin, local).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] given = parts[0].toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given) || !fresh(stamp)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MailAddress.parse(local + "@" + origin));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private long today() {
        return Math.floorDiv(clock.millis(), 86_400_000L);
    }

    private static String stamp(long day) {
        int t = (int) Math.floorMod(day, 1024L);
        return "" + BASE32.charAt(t >> 5) + BASE32.charAt(t & 31);
    }

    /** Whether a stamp is from the last {@value #MAX_AGE_DAYS} days (the stamp wraps every 1024 days). */
    private boolean fresh(String stamp) {
        int high = BASE32.indexOf(stamp.charAt(0));
        int low = BASE32.indexOf(stamp.charAt(1));
        if (high < 0 || low < 0) {
            return false;
        }
        long age = Math.floorMod(Math.floorMod(today(), 1024L) - (high << 5 | low), 1024L);
        return age <= MAX_AGE_DAYS || age == 1023;
    }

    private String hash(String stamp, String origin, String local) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            // Separated, so that no other split of the same characters has the same hash.
            byte[] digest = mac.doFinal((stamp + "=" + origin + "=" + local).toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest).substring(0, HASH_CHARS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
