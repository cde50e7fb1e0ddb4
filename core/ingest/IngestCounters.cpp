#include "ingest/IngestCounters.h"

namespace wt::ingest {

const char* rejectReasonName(RejectReason reason)
{
    switch (reason) {
    case RejectReason::BadJson: return "bad_json";
    case RejectReason::MissingField: return "missing_field";
    case RejectReason::WrongType: return "wrong_type";
    case RejectReason::InvalidUtf8: return "invalid_utf8";
    case RejectReason::TooLarge: return "too_large";
    case RejectReason::Count: break;
    }
    return "unknown";
}

} // namespace wt::ingest
