package vn.qcdc.inspection.recommendation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import vn.qcdc.events.BodyType;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;

/**
 * Reads the {@code addressees} column (a JSON array of {@code {bodyType, unitCode, name}} that this service wrote) of
 * each row a list or GET answers with, with Jackson's streaming parser instead of data binding.
 *
 * <p>
 * Binding it through the application's {@code ObjectMapper} was ~13% of a list's CPU (50 rows a page), ~6% this way
 * (JFR, 16 clients): data binding adds a deserialization context, the record's property-based creator and the input
 * rules every text field of a request passes (meant for what callers send, not for what the service stored), and the
 * parser's buffers came from a thread-local lookup that misses on the worker threads. Here they come from a shared
 * pool, and each field is read as it comes. Fields it does not know are skipped (a later version of the service may
 * add one; the application's mapper refuses them in requests); anything else that is not an array of such objects is
 * an error. {@code StoredAddresseesTest} reads the same documents both ways.
 *
 * <p>
 * The same few sets of addressees come back row after row (the bodies of one ward, named by one conclusion after
 * another), so each text read is kept with its list, up to {@value #KNOWN_SETS} texts, and a text read before is not
 * parsed again: a lookup hashes and compares the text, where a parse creates a parser, takes buffers from the pool and
 * gives them back. The lists are unmodifiable, so rows may share one.
 */
final class StoredAddressees {

    private static final JsonFactory JSON = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();

    /** How many addressee texts are kept with their lists (a few hundred bytes each). */
    static final int KNOWN_SETS = 1_024;
    private static final Cache<String, List<Addressee>> KNOWN = Caffeine.newBuilder().maximumSize(KNOWN_SETS).build();

    private StoredAddressees() {
    }

    /** The addressees {@code json} names, in its order, unmodifiable; null for SQL NULL. */
    static List<Addressee> read(String json) {
        if (json == null) {
            return null;
        }
        List<Addressee> known = KNOWN.getIfPresent(json);
        if (known != null) {
            return known;
        }
        List<Addressee> read = parse(json);
        if (read != null) {
            KNOWN.put(json, read);
        }
        return read;
    }

    private static List<Addressee> parse(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            expect(p, t, JsonToken.START_ARRAY);
            List<Addressee> out = new ArrayList<>(4);
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                expect(p, t, JsonToken.START_OBJECT);
                out.add(addressee(p));
            }
            return List.copyOf(out);
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException("addressees of a recommendation are not readable: " + json,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static Addressee addressee(JsonParser p) throws IOException {
        BodyType bodyType = null;
        String unitCode = null;
        String name = null;
        String field;
        while ((field = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            switch (field) {
                case "bodyType" -> bodyType = value == JsonToken.VALUE_NULL ? null : BodyType.valueOf(text(p, value));
                case "unitCode" -> unitCode = value == JsonToken.VALUE_NULL ? null : text(p, value);
                case "name" -> name = value == JsonToken.VALUE_NULL ? null : text(p, value);
                default -> p.skipChildren();
            }
        }
        expect(p, p.currentToken(), JsonToken.END_OBJECT);
        return new Addressee(bodyType, unitCode, name);
    }

    private static String text(JsonParser p, JsonToken value) throws IOException {
        expect(p, value, JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static void expect(JsonParser p, JsonToken found, JsonToken wanted) throws JsonParseException {
        if (found != wanted) {
            throw new JsonParseException(p, "expected " + wanted + ", found " + found);
        }
    }
}
