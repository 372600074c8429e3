package pro.dailydoco.project.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Media in an S3-compatible bucket (AWS SDK v2, blocking client over the JDK's URLConnection)
 * (docs/decisions/0212-video-storage-on-s3-compatible-buckets.md). Keys mirror the disk layout:
 * {@code <tenant>/<video>/upload/<start>-<end>} for each chunk of an upload (objects cannot be appended to, so every
 * chunk is its own object, named by the bytes it holds), {@code <tenant>/<video>/published/…} once processed. ffmpeg
 * needs files, so the upload is fetched to the local disk for processing and the outputs go up from a local work
 * directory, the larger ones in parts. Players read through the application, byte ranges passed on to the bucket.
 */
public class S3Storage implements MediaStorage, AutoCloseable {

    private static final Pattern CHUNK = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

    private final S3Client s3;
    private final String bucket;
    private final long partSize;
    private final LocalDiskStorage scratch;

    S3Storage(S3Client s3, String bucket, long partSize, LocalDiskStorage scratch) {
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = Math.max(5L * 1024 * 1024, partSize);
        this.scratch = scratch;
    }

    /** A client for the configured server; the credentials come from the environment through the configuration. */
    static S3Client client(MediaConfig.S3 config) {
        return client(config.endpoint().filter(e -> !e.isBlank()).map(URI::create).orElse(null), config.region(),
                config.pathStyle(), config.accessKey().orElse(null), config.secretKey().orElse(null));
    }

    static S3Client client(URI endpoint, String region, boolean pathStyle, String accessKey, String secretKey) {
        var builder = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(region)).forcePathStyle(pathStyle)
                // Checksums only where the API requires them: S3-compatible servers do not all take the newer CRC32
                // checksums (x-amz-trailer) the SDK would otherwise send with every upload.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (accessKey != null && secretKey != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
        }
        return builder.build();
    }

    @Override
    public void close() {
        s3.close();
    }

    private static String prefix(MediaKey key) {
        return key.tenantId() + "/" + key.videoId() + "/";
    }

    @Override
    public long appendUpload(MediaKey key, long offset, InputStream chunk, long limit) throws IOException {
        // The chunk is spooled to the local disk first (it is at most max-chunk-size): a PUT needs its length, and a
        // chunk cut off mid-way must not become an object.
        Path spool = Files.createDirectories(scratch.uploadFile(key).getParent()).resolve("chunk-" + UUID.randomUUID());
        try {
            long size = offset;
            try (OutputStream out = Files.newOutputStream(spool)) {
                byte[] buffer = new byte[64 * 1024];
                for (int read = chunk.read(buffer); read >= 0; read = chunk.read(buffer)) {
                    size += read;
                    if (size > limit) {
                        throw new ChunkRefused("The chunk goes past the upload's announced size.", false);
                    }
                    out.write(buffer, 0, read);
                }
            }
            if (size > offset) {
                String name = prefix(key) + "upload/" + offset + "-" + size;
                call(() -> s3.putObject(b -> b.bucket(bucket).key(name), RequestBody.fromFile(spool)));
            }
            return size;
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /**
     * Joins the upload's chunks into one local file, following them from byte 0 (a chunk whose confirmation lost a
     * race is a dead end the walk leaves aside). Kept on the local disk while the video is processed.
     */
    @Override
    public Path uploadFile(MediaKey key) throws IOException {
        Path local = scratch.uploadFile(key);
        Map<Long, List<Long>> chunks = new TreeMap<>();
        for (S3Object object : list(prefix(key) + "upload/")) {
            Matcher m = CHUNK.matcher(object.key().substring(object.key().lastIndexOf('/') + 1));
            if (m.matches()) {
                chunks.computeIfAbsent(Long.parseLong(m.group(1)), k -> new ArrayList<>()).add(Long.parseLong(m.group(2)));
            }
        }
        List<long[]> chain = longestChain(chunks, 0);
        long length = chain.isEmpty() ? 0 : chain.get(chain.size() - 1)[1];
        if (Files.isRegularFile(local) && Files.size(local) == length) {
            return local;
        }
        Files.createDirectories(local.getParent());
        Path partial = local.resolveSibling("upload.part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            for (long[] c : chain) {
                try (InputStream in = call(() -> s3.getObject(b -> b.bucket(bucket)
                        .key(prefix(key) + "upload/" + c[0] + "-" + c[1])))) {
                    in.transferTo(out);
                }
            }
        }
        return Files.move(partial, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<long[]> longestChain(Map<Long, List<Long>> chunks, long from) {
        List<long[]> best = new ArrayList<>();
        for (long end : chunks.getOrDefault(from, List.of())) {
            if (end <= from) {
                continue;
            }
            List<long[]> rest = longestChain(chunks, end);
            long reach = rest.isEmpty() ? end : rest.get(rest.size() - 1)[1];
            long bestReach = best.isEmpty() ? from : best.get(best.size() - 1)[1];
            if (reach > bestReach) {
                best = new ArrayList<>();
                best.add(new long[] {from, end});
                best.addAll(rest);
            }
        }
        return best;
    }

    @Override
    public Path workDirectory(MediaKey key) throws IOException {
        return scratch.workDirectory(key);
    }

    /** Uploads every output (files past the part size in parts), then drops the local copies. */
    @Override
    public long publish(MediaKey key, Path workDirectory) throws IOException {
        String published = prefix(key) + "published/";
        delete(published);
        long bytes = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(workDirectory)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String name = published + workDirectory.relativize(file).toString().replace('\\', '/');
            long size = Files.size(file);
            if (size > partSize) {
                uploadInParts(name, file, size);
            } else {
                call(() -> s3.putObject(b -> b.bucket(bucket).key(name), RequestBody.fromFile(file)));
            }
            bytes += size;
        }
        LocalDiskStorage.deleteTree(workDirectory);
        return bytes;
    }

    private void uploadInParts(String name, Path file, long size) throws IOException {
        String uploadId = call(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key(name)).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long start = 0; start < size; start += partSize, number++) {
                long length = Math.min(partSize, size - start);
                int part = number;
                long from = start;
                try (InputStream in = Files.newInputStream(file)) {
                    in.skipNBytes(from);
                    String etag = call(() -> s3.uploadPart(b -> b.bucket(bucket).key(name).uploadId(uploadId)
                            .partNumber(part), RequestBody.fromInputStream(new BoundedStream(in, length), length)).eTag());
                    parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
                }
            }
            call(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException e) {
            // An unfinished multipart upload keeps its parts (and is billed) until aborted.
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(uploadId));
            } catch (SdkException ignored) {
                // the bucket's lifecycle rule for incomplete uploads is the fallback (docs/videos.md)
            }
            throw e;
        }
    }

    @Override
    public void deleteUpload(MediaKey key) {
        try {
            delete(prefix(key) + "upload/");
        } catch (IOException e) {
            io.quarkus.logging.Log.warnf("Could not delete the upload of video %s: %s", key.videoId(), e.toString());
        }
        scratch.deleteUpload(key);
    }

    @Override
    public Optional<MediaFile> published(MediaKey key, String relativePath) {
        if (relativePath == null || !LocalDiskStorage.SAFE_PATH.matcher(relativePath).matches()) {
            return Optional.empty();
        }
        String name = prefix(key) + "published/" + relativePath;
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(name));
            return Optional.of(new BucketFile(name, head.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A published object: read with a Range request, so a player's seek fetches only what it shows. */
    private final class BucketFile implements MediaFile {
        private final String key;
        private final long size;

        BucketFile(String key, long size) {
            this.key = key;
            this.size = size;
        }

        @Override
        public String name() {
            return key.substring(key.lastIndexOf('/') + 1);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public Optional<Path> localPath() {
            return Optional.empty();
        }

        @Override
        public InputStream open(long start, long length) throws IOException {
            if (length <= 0) {
                return InputStream.nullInputStream();
            }
            return call(() -> s3.getObject(b -> b.bucket(bucket).key(key)
                    .range("bytes=" + start + "-" + (start + length - 1))));
        }
    }

    @Override
    public void deleteAll(MediaKey key) {
        try {
            delete(prefix(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scratch.deleteAll(key);
    }

    @Override
    public long bytesStored(UUID tenantId) throws IOException {
        return list(tenantId + "/").stream().mapToLong(S3Object::size).sum();
    }

    private List<S3Object> list(String prefix) throws IOException {
        return call(() -> s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().toList());
    }

    /**
     * Deletes every object under a prefix, one request each: the batch DeleteObjects requires a checksum header that
     * S3-compatible servers do not all accept (S3Proxy refuses the SDK's CRC32), and a video has hundreds of objects
     * at most.
     */
    private void delete(String prefix) throws IOException {
        for (S3Object object : list(prefix)) {
            call(() -> s3.deleteObject(b -> b.bucket(bucket).key(object.key())));
        }
    }

    private interface BucketCall<T> {
        T call();
    }

    /** The bucket unreachable or refusing is an I/O failure to callers: a processing attempt fails and is retried. */
    private static <T> T call(BucketCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (SdkException e) {
            throw new IOException("The video bucket failed: " + e.getMessage(), e);
        }
    }
}
