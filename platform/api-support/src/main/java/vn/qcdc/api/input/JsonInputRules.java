package vn.qcdc.api.input;

import java.io.IOException;
import java.time.LocalDate;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The input rules of every JSON body, applied once where Jackson reads it rather than per field:
 * <ul>
 * <li>a key given twice is an error ({@code STRICT_DUPLICATE_DETECTION}): which of the two values wins is not
 * something a client should have to guess, and records answered it with a 500;</li>
 * <li>a number with a fraction is not an integer ({@code percent: 99.9} was stored as 99): refused, not rounded;</li>
 * <li>every string follows {@link TextRules} (no NUL or other control characters), which covers the text that ends in
 * JSON columns too;</li>
 * <li>every date follows {@link DateRules}.</li>
 * </ul>
 */
@Singleton
public class JsonInputRules implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        SimpleModule rules = new SimpleModule("qcdc-input-rules");
        rules.addDeserializer(String.class, new RuledText());
        rules.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == LocalDate.class ? new RuledDate(deserializer) : deserializer;
            }
        });
        mapper.registerModule(rules);
    }

    /** A JSON string that follows {@link TextRules}. */
    static final class RuledText extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            int at = TextRules.firstForbidden(value);
            if (at >= 0) {
                throw new InputRuleException(p, String.class, "control-character",
                        TextRules.codePoint(value.charAt(at)));
            }
            return value;
        }
    }

    /** Wraps whichever deserializer reads a LocalDate (the java.time module's, contextualised) with the range check. */
    static final class RuledDate extends DelegatingDeserializer {
        RuledDate(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new RuledDate(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = super.deserialize(p, ctxt);
            if (value instanceof LocalDate date && !DateRules.plausible(date)) {
                throw new InputRuleException(p, LocalDate.class, "date-out-of-range", DateRules.EARLIEST,
                        DateRules.LATEST);
            }
            return value;
        }
    }
}
