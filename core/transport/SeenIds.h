#pragma once
// Bounded set of recently seen event id hashes (FIFO eviction) for the consumer's dedup.
// Single-threaded: owned by KafkaSource on its thread. Stand-in until ingest's Deduper is shared.

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace wt::transport {

class SeenIds {
public:
    explicit SeenIds(std::size_t capacity = 1u << 20);
    // True when idHash was seen within the last `capacity` distinct ids (a duplicate).
    bool checkAndInsert(std::uint64_t idHash);
    std::size_t size() const { return m_set.size(); }

private:
    std::size_t m_capacity;
    std::unordered_set<std::uint64_t> m_set;
    std::vector<std::uint64_t> m_ring; // insertion order, for eviction
    std::size_t m_next = 0;
};

} // namespace wt::transport
