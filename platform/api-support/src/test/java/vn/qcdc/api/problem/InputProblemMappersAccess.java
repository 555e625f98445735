package vn.qcdc.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Test access to the package-private helpers that name the field of a JSON problem. */
public final class InputProblemMappersAccess {

    private InputProblemMappersAccess() {
    }

    public static String pathOf(JsonMappingException e) {
        return ProblemMappers.pathOf(e);
    }

    public static String duplicateField(JsonProcessingException e) {
        return InputProblemMappers.duplicateField(e);
    }
}
