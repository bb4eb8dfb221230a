package org.batteryledger.chaincode.recycledcontent;

/**
 * One material's recycled content as declared (the Battery Pass data model's pre- and
 * post-consumer shares, domain.md §4.6), in basis points (1/100 %), integers only.
 * {@code totalBasisPoints} is their sum, computed by the contract: Art. 8's minimums count what
 * was recovered from manufacturing waste and from post-consumer waste together.
 */
public record DeclaredShare(int preConsumerBasisPoints, int postConsumerBasisPoints, int totalBasisPoints) {

    public static DeclaredShare of(int preConsumer, int postConsumer) {
        return new DeclaredShare(preConsumer, postConsumer, preConsumer + postConsumer);
    }
}
