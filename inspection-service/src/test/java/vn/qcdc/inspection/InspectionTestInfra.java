package vn.qcdc.inspection;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import vn.qcdc.testsupport.RealInfraResource;

/** Every test of this service runs against the real PostgreSQL ("inspection" database) and Kafka broker. */
@QuarkusTestResource(value = RealInfraResource.class, initArgs = @ResourceArg(name = RealInfraResource.DATABASE_ARG, value = "inspection"))
public final class InspectionTestInfra {
    private InspectionTestInfra() {
    }
}
