package io.github.dynacrud.internal;

import io.github.dynacrud.InvalidCursorException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns DynamoDB's last evaluated key into an opaque, URL-safe cursor bound to the query it came from, and back.
 *
 * <p>Layout before base64url: a format byte, 8 bytes of SHA-256 over the query's binding (table, index, partition,
 * sort condition, direction, entity type), the key's string attributes, then, when a secret is configured, 16 bytes
 * of HMAC-SHA256 over all of that. A cursor from another query, a truncated or altered one, or (with a secret) a
 * forged one is refused with {@link InvalidCursorException}.
 */
public final class CursorCodec {
    private static final byte FORMAT = 1;
    private static final int BINDING_BYTES = 8;
    private static final int MAC_BYTES = 16;
    private static final int MAX_CURSOR_CHARS = 4096;

    private static final MessageDigest SHA_256 = sha256();

    private final byte[] secret;
    /** Keyed once; each cursor is signed by a clone, as getting and keying a Mac costs more than the signing. */
    private final Mac keyedMac;

    /**
     * Creates a codec.
     *
     * @param secret the HMAC key, or an empty array for unsigned cursors
     */
    public CursorCodec(byte[] secret) {
        this.secret = secret.clone();
        this.keyedMac = this.secret.length > 0 ? newMac(this.secret) : null;
    }

    /**
     * Encodes a last evaluated key.
     *
     * @param key     the key attributes, all strings
     * @param binding a description of the query
     * @return the cursor
     */
    public String encode(Map<String, AttributeValue> key, String binding) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(FORMAT);
            out.write(digest(binding));
            out.writeByte(key.size());
            for (Map.Entry<String, AttributeValue> entry : key.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeUTF(entry.getValue().s());
            }
            if (secret.length > 0) {
                out.write(mac(bytes.toByteArray()));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Decodes a cursor made by {@link #encode} for the same query.
     *
     * @param cursor   the cursor
     * @param binding  a description of the query it is used with
     * @param keyNames the attribute names the key must have
     * @return the exclusive start key
     * @throws InvalidCursorException when the cursor is malformed, altered, forged or from another query
     */
    public Map<String, AttributeValue> decode(String cursor, String binding, Set<String> keyNames) {
        if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_CHARS) {
            throw new InvalidCursorException();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            // The decoder ignores padding and unused trailing bits: accept only the one spelling encode makes.
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(cursor)) {
                throw new InvalidCursorException();
            }
            int payloadLength = bytes.length - (secret.length > 0 ? MAC_BYTES : 0);
            if (payloadLength < 2 + BINDING_BYTES) {
                throw new InvalidCursorException();
            }
            if (secret.length > 0 && !MessageDigest.isEqual(mac(Arrays.copyOf(bytes, payloadLength)),
                    Arrays.copyOfRange(bytes, payloadLength, bytes.length))) {
                throw new InvalidCursorException();
            }
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, payloadLength));
            byte[] bindingDigest = new byte[BINDING_BYTES];
            if (in.readByte() != FORMAT) {
                throw new InvalidCursorException();
            }
            in.readFully(bindingDigest);
            if (!MessageDigest.isEqual(bindingDigest, digest(binding))) {
                throw new InvalidCursorException();
            }
            int count = in.readUnsignedByte();
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                key.put(in.readUTF(), AttributeValue.fromS(in.readUTF()));
            }
            if (in.available() != 0 || !key.keySet().equals(keyNames)) {
                throw new InvalidCursorException();
            }
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }

    private static byte[] digest(String binding) {
        MessageDigest sha256;
        try {
            sha256 = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            sha256 = sha256();
        }
        return Arrays.copyOf(sha256.digest(binding.getBytes(StandardCharsets.UTF_8)), BINDING_BYTES);
    }

    private byte[] mac(byte[] payload) {
        Mac mac;
        try {
            mac = (Mac) keyedMac.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac(secret);
        }
        return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mac newMac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
