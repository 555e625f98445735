package vn.qcdc.modelregistry;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import vn.qcdc.testsupport.RealInfraResource;

/** Every test of this service runs against the real PostgreSQL ("model_registry" database) and Kafka broker. */
@QuarkusTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = RealInfraResource.DATABASE_ARG, value = "model_registry"))
public final class ModelRegistryTestInfra {
    private ModelRegistryTestInfra() {
    }
}
