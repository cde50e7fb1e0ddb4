#pragma once
// Counts per dense id kept in count order at O(1) per +1/-1 (buckets of equal count in a sorted
// list, as in an LFU cache), so a top-N query walks from the highest count and never scans the
// whole map. Analytics thread only.

#include <cstdint>
#include <vector>

namespace wt::analytics {

class RankedCounter {
public:
    static constexpr std::uint32_t kNone = 0xffffffffu;

    void increment(std::uint32_t id);
    void decrement(std::uint32_t id); // id must have a count > 0
    std::uint32_t count(std::uint32_t id) const;
    std::size_t nonZero() const { return m_nonZero; }
    void clear();

    // Visits buckets from the highest count down: visit(count, firstId, size) -> false stops.
    // Walk a bucket's members with nextInBucket(id) until kNone.
    template <typename Visit>
    void forEachBucketDescending(Visit&& visit) const
    {
        for (std::uint32_t b = m_top; b != kNone; b = m_buckets[b].lower)
            if (!visit(m_buckets[b].count, m_buckets[b].head, m_buckets[b].size))
                return;
    }
    std::uint32_t nextInBucket(std::uint32_t id) const { return m_nodes[id].next; }

private:
    struct Node {
        std::uint32_t prev = kNone;
        std::uint32_t next = kNone;
        std::uint32_t bucket = kNone; // kNone: count 0
    };
    struct Bucket {
        std::uint32_t count = 0;
        std::uint32_t head = kNone;
        std::uint32_t size = 0;
        std::uint32_t lower = kNone;  // bucket with the next smaller count
        std::uint32_t higher = kNone; // bucket with the next larger count
    };

    std::uint32_t newBucket(std::uint32_t count, std::uint32_t lower, std::uint32_t higher);
    void unlink(std::uint32_t id);
    void link(std::uint32_t id, std::uint32_t bucket);

    std::vector<Node> m_nodes;
    std::vector<Bucket> m_buckets;
    std::vector<std::uint32_t> m_freeBuckets;
    std::uint32_t m_top = kNone;    // highest count
    std::uint32_t m_bottom = kNone; // lowest count
    std::size_t m_nonZero = 0;
};

} // namespace wt::analytics
