#include "ingest/Deduper.h"

#include <algorithm>
#include <bit>

namespace wt::ingest {

namespace {

// 0 marks an empty slot, so the (astronomically rare) hash 0 is stored as another value.
std::uint64_t keyOf(std::uint64_t idHash) { return idHash != 0 ? idHash : 0x9e3779b97f4a7c15ull; }

} // namespace

Deduper::Deduper(std::size_t horizon)
    : m_horizon(std::max<std::size_t>(horizon, 1)),
      // Not zeroed: only the slots below m_size are ever read.
      m_ring(std::make_unique_for_overwrite<std::uint64_t[]>(m_horizon))
{
    const std::size_t slots = std::bit_ceil(m_horizon * 2);
    m_table = std::make_unique<std::uint64_t[]>(slots); // zeroed: all empty
    m_mask = slots - 1;
}

bool Deduper::checkAndInsert(std::uint64_t idHash)
{
    const std::uint64_t key = keyOf(idHash);
    std::size_t slot = slotOf(key);
    while (m_table[slot] != 0) {
        if (m_table[slot] == key)
            return true;
        slot = (slot + 1) & m_mask;
    }
    if (m_size == m_horizon) {
        // Forget the oldest id. Its removal can shift entries, so find the free slot again.
        const std::uint64_t oldest = m_ring[m_head];
        erase(oldest);
        m_ring[m_head] = key;
        m_head = (m_head + 1) % m_horizon;
        slot = slotOf(key);
        while (m_table[slot] != 0)
            slot = (slot + 1) & m_mask;
    } else {
        m_ring[(m_head + m_size) % m_horizon] = key;
        ++m_size;
    }
    m_table[slot] = key;
    return false;
}

void Deduper::erase(std::uint64_t key)
{
    std::size_t slot = slotOf(key);
    while (m_table[slot] != key) {
        if (m_table[slot] == 0)
            return; // not present (cannot happen while ring and table agree)
        slot = (slot + 1) & m_mask;
    }
    // Backward-shift deletion keeps every probe chain unbroken without tombstones.
    std::size_t hole = slot;
    std::size_t next = (hole + 1) & m_mask;
    while (m_table[next] != 0) {
        const std::size_t home = slotOf(m_table[next]);
        // Move the entry into the hole unless its home lies cyclically in (hole, next].
        const bool homeBetween = hole <= next ? (home > hole && home <= next)
                                              : (home > hole || home <= next);
        if (!homeBetween) {
            m_table[hole] = m_table[next];
            hole = next;
        }
        next = (next + 1) & m_mask;
    }
    m_table[hole] = 0;
}

} // namespace wt::ingest
