#include "analytics/RankedCounter.h"

namespace wt::analytics {

std::uint32_t RankedCounter::count(std::uint32_t id) const
{
    if (id >= m_nodes.size() || m_nodes[id].bucket == kNone)
        return 0;
    return m_buckets[m_nodes[id].bucket].count;
}

void RankedCounter::clear()
{
    m_nodes.clear();
    m_buckets.clear();
    m_freeBuckets.clear();
    m_top = m_bottom = kNone;
    m_nonZero = 0;
}

std::uint32_t RankedCounter::newBucket(std::uint32_t count, std::uint32_t lower,
                                       std::uint32_t higher)
{
    std::uint32_t b;
    if (!m_freeBuckets.empty()) {
        b = m_freeBuckets.back();
        m_freeBuckets.pop_back();
    } else {
        b = static_cast<std::uint32_t>(m_buckets.size());
        m_buckets.emplace_back();
    }
    m_buckets[b] = Bucket{count, kNone, 0, lower, higher};
    if (lower != kNone)
        m_buckets[lower].higher = b;
    else
        m_bottom = b;
    if (higher != kNone)
        m_buckets[higher].lower = b;
    else
        m_top = b;
    return b;
}

void RankedCounter::unlink(std::uint32_t id)
{
    Node& n = m_nodes[id];
    Bucket& bk = m_buckets[n.bucket];
    if (n.prev != kNone)
        m_nodes[n.prev].next = n.next;
    else
        bk.head = n.next;
    if (n.next != kNone)
        m_nodes[n.next].prev = n.prev;
    --bk.size;
    const std::uint32_t b = n.bucket;
    n.prev = n.next = n.bucket = kNone;
    if (bk.size == 0) { // drop the empty bucket from the sorted list
        if (bk.lower != kNone)
            m_buckets[bk.lower].higher = bk.higher;
        else
            m_bottom = bk.higher;
        if (bk.higher != kNone)
            m_buckets[bk.higher].lower = bk.lower;
        else
            m_top = bk.lower;
        m_freeBuckets.push_back(b);
    }
}

void RankedCounter::link(std::uint32_t id, std::uint32_t bucket)
{
    Node& n = m_nodes[id];
    Bucket& bk = m_buckets[bucket];
    n.bucket = bucket;
    n.prev = kNone;
    n.next = bk.head;
    if (bk.head != kNone)
        m_nodes[bk.head].prev = id;
    bk.head = id;
    ++bk.size;
}

void RankedCounter::increment(std::uint32_t id)
{
    if (id >= m_nodes.size())
        m_nodes.resize(static_cast<std::size_t>(id) + 1 + m_nodes.size() / 2);
    const std::uint32_t b = m_nodes[id].bucket;
    std::uint32_t target;
    if (b == kNone) {
        ++m_nonZero;
        if (m_bottom != kNone && m_buckets[m_bottom].count == 1)
            target = m_bottom;
        else
            target = newBucket(1, kNone, m_bottom);
    } else {
        const std::uint32_t c = m_buckets[b].count;
        const std::uint32_t hi = m_buckets[b].higher;
        if (hi != kNone && m_buckets[hi].count == c + 1)
            target = hi;
        else
            target = newBucket(c + 1, b, hi); // b still holds id, so it survives this insert
        unlink(id);
    }
    link(id, target);
}

void RankedCounter::decrement(std::uint32_t id)
{
    const std::uint32_t b = m_nodes[id].bucket;
    const std::uint32_t c = m_buckets[b].count;
    if (c == 1) {
        unlink(id);
        --m_nonZero;
        return;
    }
    const std::uint32_t lo = m_buckets[b].lower;
    std::uint32_t target;
    if (lo != kNone && m_buckets[lo].count == c - 1)
        target = lo;
    else
        target = newBucket(c - 1, lo, b);
    unlink(id);
    link(id, target);
}

} // namespace wt::analytics
