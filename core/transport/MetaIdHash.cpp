#include "transport/MetaIdHash.h"

namespace wt::transport {

std::uint64_t metaIdHash(std::string_view metaId)
{
    // FNV-1a 64: until the parser's hash is shared (branch parse), this is the only definition.
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : metaId) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

} // namespace wt::transport
