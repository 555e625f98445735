package vn.qcdc.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value that parses but breaks one of the suite's input rules ({@link TextRules}, {@link DateRules}). A
 * {@link MismatchedInputException} so that Jackson records the field's path as the exception travels up; mapped to a
 * 400 that names the field.
 */
public class InputRuleException extends MismatchedInputException {

    private final String code;
    private final transient Object[] args;

    public InputRuleException(JsonParser parser, Class<?> target, String code, Object... args) {
        super(parser, code, target);
        this.code = code;
        this.args = args;
    }

    /** The message key (and problem field message) of the broken rule. */
    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }
}
