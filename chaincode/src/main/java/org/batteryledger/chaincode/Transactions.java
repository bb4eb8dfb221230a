package org.batteryledger.chaincode;

/**
 * The wire names of every transaction, {@code Contract:Function}, for clients: they call these
 * constants, never hand-written strings. The Gateway passes a qualified name through to the
 * contract router unchanged.
 */
public final class Transactions {
    private Transactions() {}

    public static final String BOOTSTRAP = "Participants:Bootstrap";
    public static final String REGISTER_PARTICIPANT = "Participants:RegisterParticipant";
    public static final String UPDATE_PARTICIPANT = "Participants:UpdateParticipant";
    public static final String CERTIFY_PARTICIPANT = "Participants:CertifyParticipant";
    public static final String SUSPEND_PARTICIPANT = "Participants:SuspendParticipant";
    public static final String REINSTATE_PARTICIPANT = "Participants:ReinstateParticipant";
    public static final String REVOKE_PARTICIPANT = "Participants:RevokeParticipant";
    public static final String GET_PARTICIPANT = "Participants:GetParticipant";
    public static final String GET_PREFIX_OWNER = "Participants:GetPrefixOwner";
    public static final String LIST_PARTICIPANTS = "Participants:ListParticipants";
    public static final String WHO_AM_I = "Participants:WhoAmI";

    public static final String REGISTER_UNITS = "Production:RegisterUnits";
    public static final String BIND_CHILDREN = "Production:BindChildren";
    public static final String ATTACH_EU_ID = "Production:AttachEuId";
    public static final String SHIP = "Production:Ship";

    public static final String INSTALL = "Vehicles:Install";
    public static final String SELL = "Vehicles:Sell";
    public static final String REPAIR = "Vehicles:Repair";
    public static final String REPLACE = "Vehicles:Replace";
    public static final String SWAP = "Vehicles:Swap";
    public static final String SCRAP_VEHICLE = "Vehicles:ScrapVehicle";

    public static final String REMOVE = "EndOfLife:Remove";
    public static final String COLLECT = "EndOfLife:Collect";
    public static final String TEST = "EndOfLife:Test";
    public static final String REPURPOSE = "EndOfLife:Repurpose";
    public static final String DECLARE_WASTE = "EndOfLife:DeclareWaste";
    public static final String DISMANTLE = "EndOfLife:Dismantle";

    public static final String OFFER_HANDOVER = "Custody:OfferHandover";
    public static final String ACCEPT_HANDOVER = "Custody:AcceptHandover";
    public static final String REJECT_HANDOVER = "Custody:RejectHandover";
    public static final String CANCEL_HANDOVER = "Custody:CancelHandover";

    public static final String RECORD_RECYCLING = "Recycling:RecordRecycling";

    public static final String DECLARE_RECYCLED_CONTENT = "RecycledContent:Declare";

    public static final String GET_UNIT = "Queries:GetUnit";
    public static final String GET_HISTORY = "Queries:GetHistory";
    public static final String GET_RELATIONS = "Queries:GetRelations";
    public static final String GET_RESPONSIBILITY = "Queries:GetResponsibility";
    public static final String LIST_BY_HOLDER = "Queries:ListByHolder";
    public static final String LIST_BY_STATUS = "Queries:ListByStatus";
    public static final String LIST_BY_RESPONSIBLE = "Queries:ListByResponsible";
    public static final String LIST_BY_VIN = "Queries:ListByVin";
    public static final String LIST_INCOMING_HANDOVERS = "Queries:ListIncomingHandovers";
    public static final String GET_VEHICLE = "Queries:GetVehicle";
    public static final String GET_RECYCLING_BATCH = "Queries:GetRecyclingBatch";
    public static final String LIST_RECYCLED_CONTENT = "Queries:ListRecycledContent";
    public static final String GET_COMMERCIAL_TERMS = "Queries:GetCommercialTerms";
    public static final String DECODE_CODE = "Queries:DecodeCode";
    public static final String SCAN = "Queries:Scan";
}
