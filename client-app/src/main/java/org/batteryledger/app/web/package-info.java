/**
 * The web pages, one subpackage per page: {@code scan} for the yard, {@code passport} for anyone
 * holding a QR label, {@code trace} for regulators, {@code dashboard} for automakers and
 * regulators, {@code importer} for battery makers. Pages are rendered on the server (Thymeleaf)
 * with a little script; every script, style and font ships with the application. The pages hold no
 * rule: they show what the ledger answers and write through the API's outbox.
 */
package org.batteryledger.app.web;
