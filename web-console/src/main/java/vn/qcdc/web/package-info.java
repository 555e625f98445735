/**
 * The web face of the suite (giao diện web): the public disclosure site for citizens ({@code site/}), read through
 * the services' APIs ({@code backend/}), in Vietnamese or English ({@code i18n/}). It owns no business data.
 */
package vn.qcdc.web;
