package dev.mailwright.auth.dkim;

import dev.mailwright.core.mime.HeaderField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header data a signature covers (RFC 6376 §3.7, §5.4.2): the fields named by {@code h=},
 * each taken from the bottom of the header section upward, a name with no instance left
 * contributing nothing; then the DKIM-Signature field itself with the value of {@code b=} emptied
 * and no final CRLF.
 */
final class SignedData {

    /** Each lower-case field name and its place in {@link #instances}. */
    private final Map<String, Integer> ids = new HashMap<>();
    /** The fields of each name, top first. */
    private final List<List<HeaderField>> instances = new ArrayList<>();

    /** Indexes {@code fields} by lower-case name once, for all signatures of one message. */
    SignedData(List<HeaderField> fields) {
        for (HeaderField field : fields) {
            String name = field.name().toLowerCase(Locale.ROOT);
            Integer id = ids.get(name);
            if (id == null) {
                id = instances.size();
                ids.put(name, id);
                instances.add(new ArrayList<>(1));
            }
            instances.get(id).add(field);
        }
    }

    /** How many fields are named {@code lowerName}. */
    int count(String lowerName) {
        Integer id = ids.get(lowerName);
        return id == null ? 0 : instances.get(id).size();
    }

    /** The canonical header data for one signature. */
    byte[] build(List<String> signedHeaders, Canonicalization canon, byte[] signatureField) {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        int[] taken = new int[instances.size()];
        for (String name : signedHeaders) {
            Integer id = ids.get(name);
            if (id == null) {
                continue;
            }
            List<HeaderField> fields = instances.get(id);
            if (taken[id] == fields.size()) {
                continue;
            }
            byte[] raw = fields.get(fields.size() - 1 - taken[id]++).raw();
            canon.canonicalizeHeader(raw, raw.length, true, out);
        }
        byte[] withoutB = withEmptyB(signatureField);
        canon.canonicalizeHeader(withoutB, withoutB.length, false, out);
        return out.toByteArray();
    }

    /** {@code raw} with everything between {@code b=} and the next ';' (or the end) removed. */
    static byte[] withEmptyB(byte[] raw) {
        int colon = 0;
        while (colon < raw.length && raw[colon] != ':') {
            colon++;
        }
        int end = raw.length;
        if (end > 0 && raw[end - 1] == '\n') {
            end--;
            if (end > 0 && raw[end - 1] == '\r') {
                end--;
            }
        }
        int i = colon + 1;
        while (i < end) {
            int nameStart = skipFws(raw, i, end);
            int nameEnd = nameStart;
            while (nameEnd < end && raw[nameEnd] != '=' && raw[nameEnd] != ';' && !isFws(raw[nameEnd])) {
                nameEnd++;
            }
            int equals = skipFws(raw, nameEnd, end);
            int valueEnd = equals;
            while (valueEnd < end && raw[valueEnd] != ';') {
                valueEnd++;
            }
            if (nameEnd - nameStart == 1 && raw[nameStart] == 'b' && equals < end && raw[equals] == '=') {
                byte[] out = new byte[raw.length - (valueEnd - equals - 1)];
                System.arraycopy(raw, 0, out, 0, equals + 1);
                System.arraycopy(raw, valueEnd, out, equals + 1, raw.length - valueEnd);
                return out;
            }
            i = valueEnd + 1;
        }
        return raw;
    }

    private static int skipFws(byte[] raw, int from, int end) {
        int i = from;
        while (i < end && isFws(raw[i])) {
            i++;
        }
        return i;
    }

    private static boolean isFws(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
