package dev.mailwright.postgres.internal;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.SpoolingOutputStream;
import dev.mailwright.core.mime.MimeStructure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Message bytes in the {@code bodies} and {@code body_chunks} tables. A body is written in
 * chunks of {@value #CHUNK} bytes and read back one chunk at a time into a spool (memory up to
 * a threshold, a temporary file beyond), so a large message never sits whole in the heap on
 * either side. Bodies are shared by reference: a COPY adds a message row pointing at the same
 * body, and triggers on {@code messages} count the references and drop unreferenced bodies.
 */
final class Bodies {

    /** Bytes per chunk row: a few per large message, one for most. */
    static final int CHUNK = 256 * 1024;

    private Bodies() {}

    /**
     * Stores {@code content} as a new body with its parsed structure and returns its id. The
     * body is unreferenced until a message row points at it in the same transaction.
     */
    static long insert(Connection c, MessageContent content, MimeStructure structure) throws SQLException, IOException {
        long id;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO bodies (size, structure) VALUES (?, ?) RETURNING id")) {
            p.setLong(1, content.size());
            p.setBytes(2, structure.toBytes());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        writeChunks(c, "INSERT INTO body_chunks (body_id, seq, data) VALUES (?, ?, ?)", id, content);
        return id;
    }

    /** Writes {@code content} in chunks with {@code sql}, whose parameters are (owner id, seq, bytes). */
    static void writeChunks(Connection c, String sql, Object owner, MessageContent content) throws SQLException, IOException {
        long expected = content.size();
        long written = 0;
        byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(1, expected))];
        try (InputStream in = content.open(); PreparedStatement p = c.prepareStatement(sql)) {
            int seq = 0;
            while (true) {
                int n = in.readNBytes(buffer, 0, buffer.length);
                if (n <= 0) {
                    break;
                }
                p.setObject(1, owner);
                p.setInt(2, seq++);
                // setBytes copies nothing when the chunk is full; a short last chunk is trimmed.
                p.setBytes(3, n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n));
                p.executeUpdate();
                written += n;
            }
        }
        if (written != expected) {
            throw new IOException("message content changed while it was stored: " + written + " bytes, expected " + expected);
        }
    }

    /**
     * Reads body {@code id} into a spool and returns it; the caller releases the content. Run
     * inside a transaction, so that the chunks are read from one instant.
     */
    static MessageContent read(Connection c, long id, long size, Path spoolDir, int threshold)
            throws SQLException, IOException {
        return readChunks(c, "SELECT data FROM body_chunks WHERE body_id = ? ORDER BY seq", id, size, spoolDir, threshold);
    }

    static MessageContent readChunks(Connection c, String sql, Object owner, long size, Path spoolDir, int threshold)
            throws SQLException, IOException {
        SpoolingOutputStream spool = new SpoolingOutputStream(threshold, spoolDir);
        try {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                // A cursor: one chunk in the heap at a time (needs the transaction the caller runs).
                p.setFetchSize(1);
                p.setObject(1, owner);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        spool.write(rs.getBytes(1));
                    }
                }
            }
            if (spool.size() != size) {
                throw new IOException("stored message is incomplete: " + spool.size() + " of " + size + " bytes");
            }
            return spool.toContent();
        } finally {
            spool.close();
        }
    }

    /** The structure stored with body {@code id}, if any. */
    static Optional<MimeStructure> structure(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT structure FROM bodies WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next() || rs.getBytes(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(MimeStructure.fromBytes(rs.getBytes(1)));
            }
        }
    }
}
