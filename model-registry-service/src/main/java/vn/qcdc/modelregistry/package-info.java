/**
 * model-registry-service: the yearly life of "Dân vận khéo" models (mô hình Dân vận khéo) registered by the mass
 * organisations, party cells, residential groups and villages of a unit, from registration to recognition, with
 * statistics and a public view. Feature packages: {@code model} (the aggregate, its life cycle and events),
 * {@code statistics}, {@code publicview}, {@code demo}.
 */
package vn.qcdc.modelregistry;
