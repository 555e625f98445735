package vn.qcdc.api;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The REST layer's Jackson reads and writes record components and bean properties through accessors generated once
 * per property (Jackson's Blackbird module, method handles and lambdas) instead of a reflective call per value: a
 * page of 50 recommendations writes ~1,300 values, and reflection was a visible part of writing them (issue 11).
 */
@Singleton
public class JsonAccessors implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
    }
}
