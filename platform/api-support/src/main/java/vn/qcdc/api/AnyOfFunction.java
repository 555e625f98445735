package vn.qcdc.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.metamodel.model.domain.ReturnableType;
import org.hibernate.query.spi.QueryEngine;
import org.hibernate.query.sqm.function.AbstractSqmSelfRenderingFunctionDescriptor;
import org.hibernate.query.sqm.function.SelfRenderingSqmFunction;
import org.hibernate.query.sqm.produce.function.StandardArgumentsValidators;
import org.hibernate.query.sqm.produce.function.StandardFunctionReturnTypeResolvers;
import org.hibernate.query.sqm.tree.SqmTypedNode;
import org.hibernate.query.sqm.tree.expression.AbstractSqmParameter;
import org.hibernate.sql.ast.SqlAstTranslator;
import org.hibernate.sql.ast.spi.SqlAppender;
import org.hibernate.sql.ast.tree.SqlAstNode;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * The HQL function behind {@link AnyOf}: {@code any_of(path, :values)} is SQL's {@code (path = any(?))}, its second
 * argument one array parameter.
 * <p>
 * Hibernate lets a parameter written as a function's argument take a list of values, and it does not keep the plan
 * of a query with such a parameter: each execution translated the query to SQL again (HQL's {@code sql()} function,
 * which {@link AnyOf} used before, is such a function). This function declares its parameter single-valued, so a list
 * query is translated once and its plan kept, like any other query.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class AnyOfFunction implements FunctionContributor {

    /** The function's name in HQL. */
    public static final String NAME = "any_of";

    @Override
    public void contributeFunctions(FunctionContributions functions) {
        functions.getFunctionRegistry().register(NAME, new Descriptor(functions));
    }

    static final class Descriptor extends AbstractSqmSelfRenderingFunctionDescriptor {

        Descriptor(FunctionContributions functions) {
            super(NAME, StandardArgumentsValidators.exactly(2), StandardFunctionReturnTypeResolvers
                    .invariant(functions.getTypeConfiguration().standardBasicTypeForJavaType(Boolean.class)), null);
        }

        @Override
        protected <T> SelfRenderingSqmFunction<T> generateSqmFunctionExpression(
                List<? extends SqmTypedNode<?>> arguments, ReturnableType<T> impliedResultType,
                QueryEngine queryEngine) {
            if (arguments.get(1) instanceof AbstractSqmParameter<?> values) {
                values.disallowMultiValuedBinding();
            }
            return super.generateSqmFunctionExpression(arguments, impliedResultType, queryEngine);
        }

        @Override
        public void render(SqlAppender sql, List<? extends SqlAstNode> arguments, ReturnableType<?> returnType,
                SqlAstTranslator<?> walker) {
            sql.appendSql('(');
            arguments.get(0).accept(walker);
            sql.appendSql(" = any(");
            arguments.get(1).accept(walker);
            sql.appendSql("))");
        }
    }
}
