package dev.mailwright.server.pipeline;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.MimeContent;
import java.io.IOException;
import java.io.InputStream;

/**
 * The part of another content from an offset on: the body of a message whose header
 * section is being replaced, without copying it. Releasing it does nothing; the owner
 * of the whole releases that.
 */
final class BodySlice implements MessageContent {

    private final MessageContent whole;
    private final long offset;

    BodySlice(MessageContent whole, long offset) {
        this.whole = whole;
        this.offset = offset;
    }

    @Override
    public long size() {
        return whole.size() - offset;
    }

    @Override
    public InputStream open() throws IOException {
        return MimeContent.slice(whole, offset, size());
    }

    @Override
    public void release() {
        // The whole is released by its owner.
    }
}
