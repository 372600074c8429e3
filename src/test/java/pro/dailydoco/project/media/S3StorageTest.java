package pro.dailydoco.project.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import pro.dailydoco.support.S3ProxyServer;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The storage contract on an S3-compatible bucket: a real S3 API server (S3Proxy) with 5 MB parts, so a 12 MB file
 * goes up as a multipart upload.
 */
class S3StorageTest extends MediaStorageContract {

    @Override
    MediaStorage storage(Path scratch) {
        // The application's own client, as configured for a path-style S3-compatible server.
        return new S3Storage(S3Storage.client(java.net.URI.create(S3ProxyServer.endpoint()), "us-east-1", true,
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY), S3ProxyServer.BUCKET, 5L * 1024 * 1024, new LocalDiskStorage(scratch));
    }

    @Test
    void aChunkWhoseConfirmationLostARaceIsLeftAside() throws IOException {
        MediaStorage storage = storage(scratch);
        MediaKey key = newKey(UUID.randomUUID());
        byte[] bytes = new byte[3_000];
        new Random(13).nextBytes(bytes);
        storage.appendUpload(key, 0, new ByteArrayInputStream(Arrays.copyOfRange(bytes, 0, 1_000)), 3_000);
        // Two requests sent the chunk at 1,000 at once: one with 500 bytes (its confirmation lost), one with 2,000.
        try (var s3 = S3ProxyServer.client()) {
            s3.putObject(b -> b.bucket(S3ProxyServer.BUCKET).key(key.tenantId() + "/" + key.videoId() + "/upload/1000-1500"),
                    RequestBody.fromBytes(new byte[500]));
        }
        storage.appendUpload(key, 1_000, new ByteArrayInputStream(Arrays.copyOfRange(bytes, 1_000, 3_000)), 3_000);
        assertArrayEquals(bytes, Files.readAllBytes(storage.uploadFile(key)), "the chain that reaches the end wins");
    }
}
