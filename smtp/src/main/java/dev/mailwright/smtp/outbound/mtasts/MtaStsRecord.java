package dev.mailwright.smtp.outbound.mtasts;

import dev.mailwright.core.dns.TxtRecord;
import java.util.List;
import java.util.Optional;

/**
 * The {@code _mta-sts} TXT record (RFC 8461 §3.1): {@code v=STSv1; id=...;}, whose id changes
 * whenever the policy does.
 *
 * @param id the policy id: 1 to 32 letters and digits
 */
public record MtaStsRecord(String id) {

    public MtaStsRecord {
        if (!id.matches("[A-Za-z0-9]{1,32}")) {
            throw new IllegalArgumentException("MTA-STS id must be 1 to 32 letters and digits");
        }
    }

    /**
     * The record among a TXT RRset: records not starting with {@code v=STSv1;} are dropped, and
     * unless exactly one valid record remains there is none (RFC 8461 §3.1).
     */
    public static Optional<MtaStsRecord> select(List<TxtRecord> records) {
        List<String> candidates = records.stream().map(TxtRecord::text)
                .filter(t -> t.startsWith("v=STSv1;") || t.equals("v=STSv1")).toList();
        if (candidates.size() != 1) {
            return Optional.empty();
        }
        return parse(candidates.get(0));
    }

    /** Parses {@code v=STSv1; id=...; [ext=value; ...]}; empty if malformed. */
    public static Optional<MtaStsRecord> parse(String text) {
        String[] fields = text.split(";");
        if (fields.length < 2 || !fields[0].strip().equals("v=STSv1")) {
            return Optional.empty();
        }
        String id = null;
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i].strip();
            if (field.isEmpty()) {
                continue;
            }
            int eq = field.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            if (field.substring(0, eq).strip().equals("id")) {
                if (id != null) {
                    return Optional.empty();
                }
                id = field.substring(eq + 1).strip();
            }
        }
        if (id == null || !id.matches("[A-Za-z0-9]{1,32}")) {
            return Optional.empty();
        }
        return Optional.of(new MtaStsRecord(id));
    }
}
