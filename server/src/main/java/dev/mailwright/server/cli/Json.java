package dev.mailwright.server.cli;

import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dmarc.DmarcOutput;
import dev.mailwright.auth.spf.SpfOutput;
import java.util.List;

/**
 * The JSON form of {@code auth-check --json}:
 * {@code {"spf":{...},"dkim":[{...}],"dmarc":{...}}}, with {@code "dmarc":null} when no message
 * was checked.
 */
final class Json {

    private Json() {
    }

    static String of(SpfOutput spf, List<DkimOutput> dkim, DmarcOutput dmarc) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"spf\":{\"result\":").append(string(spf.result().keyword()))
                .append(",\"domain\":").append(string(spf.domain()))
                .append(",\"explanation\":").append(string(spf.explanation()))
                .append("},\"dkim\":[");
        for (int i = 0; i < dkim.size(); i++) {
            DkimOutput signature = dkim.get(i);
            out.append(i == 0 ? "" : ",")
                    .append("{\"result\":").append(string(signature.result().keyword()))
                    .append(",\"domain\":").append(string(signature.domain()))
                    .append(",\"selector\":").append(string(signature.selector()))
                    .append('}');
        }
        out.append("],\"dmarc\":");
        if (dmarc == null) {
            out.append("null");
        } else {
            out.append("{\"result\":").append(string(dmarc.result().keyword()))
                    .append(",\"policy\":").append(string(dmarc.policy().keyword()))
                    .append('}');
        }
        return out.append('}').toString();
    }

    /** A JSON string literal (RFC 8259 §7). */
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
