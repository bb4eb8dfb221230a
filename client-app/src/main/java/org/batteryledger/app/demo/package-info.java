/**
 * The demo: a consortium of one company per trade ({@link org.batteryledger.app.demo.DemoConsortium}),
 * their users ({@link org.batteryledger.app.demo.DemoUser}), and the batteries seeded into an
 * empty ledger through the ledger port ({@link org.batteryledger.app.demo.DemoData}), so every
 * page, rule and report can be tried without typing data in first.
 */
package org.batteryledger.app.demo;
