package org.batteryledger.chaincode.unit;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * A vehicle and the packs bound to it now (车电对应, 2018 办法: the automaker records the
 * vehicle ↔ pack code correspondence). {@code maxPacks} is the number of packs the vehicle
 * takes, declared at first installation.
 */
public record Vehicle(
        String vin,
        String automaker,
        int maxPacks,
        List<String> packs,
        Instant soldAt,
        Instant scrappedAt,
        String scrappedBy,
        String scrapCertificate,
        Instant registeredAt,
        Instant updatedAt) {

    public Vehicle {
        packs = List.copyOf(new TreeSet<>(packs));
    }

    public boolean isScrapped() {
        return scrappedAt != null;
    }

    public Vehicle withPacks(List<String> newPacks, Instant at) {
        return new Vehicle(vin, automaker, maxPacks, newPacks, soldAt, scrappedAt, scrappedBy, scrapCertificate,
                registeredAt, at);
    }

    public Vehicle sold(Instant at) {
        return new Vehicle(vin, automaker, maxPacks, packs, at, scrappedAt, scrappedBy, scrapCertificate,
                registeredAt, at);
    }

    public Vehicle scrapped(String dismantler, String certificate, Instant at) {
        return new Vehicle(vin, automaker, maxPacks, packs, soldAt, at, dismantler, certificate, registeredAt, at);
    }
}
