#pragma once
// The dedup key of an event decoded from Kafka: the same 64-bit hash of meta.id the ingest parser
// computes, so both paths agree on identity. Pure function, any thread.

#include <cstdint>
#include <string_view>

namespace wt::transport {

std::uint64_t metaIdHash(std::string_view metaId);

} // namespace wt::transport
