package dev.mailwright.imap.internal.search;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the RFC 5322 Date header leniently (day names, comments, two-digit years and
 * obsolete zone names as RFC 5322 §4.3 allows), for SENT* search keys and SORT DATE.
 */
final class SentDate {

    private static final Pattern DATE = Pattern.compile(
            "(?:[A-Za-z]{3},?\\s*)?(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\s+(\\d{2,4})"
                    + "(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*([+-]\\d{4}|[A-Za-z]{1,5}))?)?");
    private static final String MONTHS = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";

    private SentDate() {}

    /** The date and time, if the value can be read; a missing zone counts as UTC. */
    static Optional<OffsetDateTime> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = DATE.matcher(value.strip());
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        int month = MONTHS.indexOf(m.group(2).toUpperCase(Locale.ROOT));
        if (month < 0 || month % 3 != 0) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(m.group(3));
            if (m.group(3).length() == 2) {
                year += year < 50 ? 2000 : 1900;
            } else if (m.group(3).length() == 3) {
                year += 1900;
            }
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            ZoneOffset zone = ZoneOffset.UTC;
            String z = m.group(7);
            if (z != null && (z.startsWith("+") || z.startsWith("-"))) {
                int hh = Integer.parseInt(z.substring(1, 3));
                int mm = Integer.parseInt(z.substring(3, 5));
                zone = ZoneOffset.ofHoursMinutes(z.startsWith("-") ? -hh : hh, z.startsWith("-") ? -mm : mm);
            }
            return Optional.of(OffsetDateTime.of(year, month / 3 + 1, Integer.parseInt(m.group(1)), hour, minute, second, 0, zone));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The calendar date as written, disregarding time and zone (RFC 9051 SENTON). */
    static Optional<LocalDate> date(String value) {
        return parse(value).map(OffsetDateTime::toLocalDate);
    }
}
