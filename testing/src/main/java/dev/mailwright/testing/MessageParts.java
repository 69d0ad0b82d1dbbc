package dev.mailwright.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What assertions look at inside a MIME message: the decoded text of its text parts and the
 * names of its attachments. Bounded in depth and part count, so that a hostile message
 * cannot make a test run away.
 */
final class MessageParts {

    private static final int MAX_DEPTH = 32;
    private static final int MAX_PARTS = 1000;

    private final List<String> texts = new ArrayList<>();
    private final List<String> attachmentNames = new ArrayList<>();
    private int parts;

    private MessageParts() {
    }

    /**
     * @throws IllegalStateException if the structure cannot be read, naming why
     */
    static MessageParts of(Part message) {
        MessageParts result = new MessageParts();
        try {
            result.walk(message, 0);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot read the message's MIME structure: " + e.getMessage(), e);
        }
        return result;
    }

    /** The decoded text of each text part that is not an attachment, in order (plain and HTML alike). */
    List<String> texts() {
        return texts;
    }

    /** The file names of the attachments (and of inline parts that have one), in order. */
    List<String> attachmentNames() {
        return attachmentNames;
    }

    private void walk(Part part, int depth) throws MessagingException, IOException {
        if (++parts > MAX_PARTS || depth > MAX_DEPTH) {
            throw new MessagingException("more than " + MAX_PARTS + " parts or deeper than " + MAX_DEPTH + " levels");
        }
        String fileName = part.getFileName();
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || fileName != null;
        if (fileName != null) {
            attachmentNames.add(fileName);
        }
        if (part.isMimeType("multipart/*")) {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    walk(child, depth + 1);
                }
            }
        } else if (part.isMimeType("text/*") && !attachment) {
            Object content = part.getContent();
            if (content instanceof String text) {
                texts.add(text);
            }
        }
    }
}
