package dev.mailwright.core.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * Answers from RFC 1035 master files and records given in code, never from the network. Tests use
 * it for every DNS answer they need, and {@code mailwright auth-check --dns-zone FILE} uses it to
 * check a message against a zone that is not published yet.
 *
 * <p>The records form one closed namespace: a name that owns no records and has none below it does
 * not exist (NXDOMAIN), unless a wildcard covers it (RFC 4592); a name that exists without records
 * of the asked type, including an empty non-terminal that exists only because a longer name does
 * (RFC 8020), answers NO_DATA. CNAMEs are followed as over the wire. Negative answers carry the TTL
 * of RFC 2308 §5 from the SOA of the closest enclosing apex, or zero without one. Zone cuts are not
 * modelled: NS records below an apex are plain data.
 *
 * <pre>{@code
 * DnsResolver dns = ZoneFileResolver.builder()
 *         .zoneText("example.org.", """
 *                 @      300 IN MX  10 mx
 *                 mx     300 IN A   192.0.2.25
 *                 """)
 *         .record("example.org. 300 IN TXT \"v=spf1 mx -all\"")
 *         .failing("broken.example.")
 *         .build();
 * }</pre>
 */
public final class ZoneFileResolver extends ChasingResolver {

    /** The most records one resolver holds. */
    public static final int MAX_RECORDS = 500_000;

    /** The TTL of a {@link Builder#record(String) record line} that gives none. */
    public static final long DEFAULT_RECORD_TTL = 3600;

    private final List<Record> records;
    private final ZoneIndex index;
    private final boolean authenticated;
    private final Set<Name> failing;

    private ZoneFileResolver(Builder builder) {
        this.records = List.copyOf(builder.records);
        this.index = new ZoneIndex(records);
        this.authenticated = builder.authenticated;
        this.failing = Set.copyOf(builder.failing);
    }

    /** A builder for a resolver holding no records. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this resolver's records and settings, to derive a variant. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.records.addAll(records);
        builder.failing.addAll(failing);
        builder.authenticated = authenticated;
        return builder;
    }

    @Override
    Reply query(Name name, int type) {
        for (Name broken : failing) {
            if (name.subdomain(broken)) {
                return Reply.failure("SERVFAIL for " + DnsNames.text(broken) + " (configured to fail)");
            }
        }
        return index.lookup(name, type, authenticated);
    }

    @Override
    public String toString() {
        return "ZoneFileResolver[" + records.size() + " records]";
    }

    /** Collects records; zone text is parsed when given, so errors point at the call that caused them. */
    public static final class Builder {

        private final List<Record> records = new ArrayList<>();
        private final Set<Name> failing = new LinkedHashSet<>();
        private boolean authenticated;

        private Builder() {
        }

        /**
         * Adds the records of a master file whose names are absolute or follow a {@code $ORIGIN}
         * line. {@code $INCLUDE} is refused.
         *
         * @throws UncheckedIOException     if the file cannot be read
         * @throws IllegalArgumentException naming the file and line of a syntax error
         */
        public Builder zone(Path file) {
            return add(file.toString(), read(file), null, -1);
        }

        /** Adds the records of a master file, with relative names taken relative to {@code origin}. */
        public Builder zone(Path file, String origin) {
            return add(file.toString(), read(file), DnsNames.parse(origin), -1);
        }

        /** Adds the records of master-file text, encoded as UTF-8. */
        public Builder zoneText(String text) {
            return add("zone text", text.getBytes(StandardCharsets.UTF_8), null, -1);
        }

        /** Adds the records of master-file text, with relative names taken relative to {@code origin}. */
        public Builder zoneText(String origin, String text) {
            return add("zone text", text.getBytes(StandardCharsets.UTF_8), DnsNames.parse(origin), -1);
        }

        /**
         * Adds one record in master-file syntax, e.g. {@code example.org. 300 IN TXT "v=spf1 -all"}.
         * The owner name is absolute (the trailing dot may be left out); without a TTL the record
         * gets {@value #DEFAULT_RECORD_TTL} seconds.
         */
        public Builder record(String line) {
            int before = records.size();
            add("record '" + line + "'", line.getBytes(StandardCharsets.UTF_8), Name.root, DEFAULT_RECORD_TTL);
            if (records.size() != before + 1) {
                records.subList(before, records.size()).clear();
                throw new IllegalArgumentException("expected exactly one record in '" + line + "'");
            }
            return this;
        }

        /**
         * Makes every lookup at {@code name} or below it fail with TEMPORARY_FAILURE, like a zone
         * whose servers answer SERVFAIL.
         */
        public Builder failing(String name) {
            failing.add(DnsNames.parse(name));
            return this;
        }

        /** Whether answers carry the DNSSEC AD bit; default false. */
        public Builder authenticated(boolean authenticated) {
            this.authenticated = authenticated;
            return this;
        }

        /**
         * The resolver.
         *
         * @throws IllegalArgumentException if a name holds a CNAME beside other data or two CNAMEs
         */
        public ZoneFileResolver build() {
            return new ZoneFileResolver(this);
        }

        private Builder add(String source, byte[] text, Name origin, long defaultTtl) {
            records.addAll(ZoneParser.parse(source, text, origin, defaultTtl, MAX_RECORDS - records.size()));
            return this;
        }

        private static byte[] read(Path file) {
            try {
                if (Files.size(file) > ZoneParser.MAX_TEXT) {
                    throw new IllegalArgumentException(file + ": zone larger than " + ZoneParser.MAX_TEXT + " octets");
                }
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read zone file " + file, e);
            }
        }
    }
}
