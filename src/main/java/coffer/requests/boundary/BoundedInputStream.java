package coffer.requests.boundary;

import coffer.problems.entity.PayloadTooLarge;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps how much of a request body is read: every request of this API fits in a few hundred bytes,
 * so a body of megabytes is a mistake or an attack and is refused before it is buffered.
 */
final class BoundedInputStream extends FilterInputStream {

    static final int MAX_BYTES = 16 * 1024;

    private final long maxBytes;
    private long read;

    BoundedInputStream(InputStream in) {
        this(in, MAX_BYTES);
    }

    BoundedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int next = super.read();
        if (next >= 0) {
            count(1);
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > maxBytes) {
            throw new PayloadTooLarge(maxBytes);
        }
    }
}
