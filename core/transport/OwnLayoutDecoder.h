#pragma once
// The consumer's fast path: reads a message that has exactly the layout EventCodec::encode()
// writes (same keys, same order, no whitespace) in one forward pass, about four times cheaper
// than a general JSON parser. Anything else - another key order, whitespace, a future version,
// invalid UTF-8, a number out of range - is refused, and EventCodec falls back to simdjson,
// which gives the answer (and the error) for every other input. Stateless; any thread.

#include "event/EditEvent.h"

#include <string_view>

namespace wt::transport {

class OwnLayoutDecoder {
public:
    // True when json has encode()'s exact layout and is valid: out holds the event (idHash
    // included). False: out is unspecified, use the general parser.
    static bool decode(std::string_view json, event::EditEvent& out);
};

} // namespace wt::transport
