#include "ingest/Deduper.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sys/mman.h>

namespace wt::ingest {

namespace {

constexpr std::size_t kHugePage = 2u << 20;

// A zeroed table. Large tables are 2 MiB aligned and marked for transparent huge pages: every
// lookup is a random access, and with 4 KiB pages most of them would also miss the TLB.
std::uint64_t* allocateTable(std::size_t slots)
{
    const std::size_t bytes = slots * sizeof(std::uint64_t);
    if (bytes >= kHugePage) {
        void* p = std::aligned_alloc(kHugePage, bytes); // bytes is a power of two >= 2 MiB
        if (p != nullptr) {
#ifdef MADV_HUGEPAGE
            ::madvise(p, bytes, MADV_HUGEPAGE);
#endif
            std::memset(p, 0, bytes);
            return static_cast<std::uint64_t*>(p);
        }
    }
    return static_cast<std::uint64_t*>(std::calloc(slots, sizeof(std::uint64_t)));
}

} // namespace

void Deduper::FreeDeleter::operator()(std::uint64_t* p) const
{
    std::free(p);
}

Deduper::Deduper(std::size_t horizon)
    : m_horizon(std::max<std::size_t>(horizon, 1)),
      // Not zeroed: only the slots below m_size are ever read.
      m_ring(std::make_unique_for_overwrite<std::uint64_t[]>(m_horizon))
{
    const std::size_t slots = std::bit_ceil(m_horizon * 2);
    m_table.reset(allocateTable(slots)); // zeroed: all empty
    if (!m_table)
        throw std::bad_alloc(); // at construction only, like any container
    m_mask = slots - 1;
}

bool Deduper::checkAndInsert(std::uint64_t idHash)
{
    const std::uint64_t key = idHash != 0 ? idHash : kZeroKey;
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
        const bool homeBetween =
            hole <= next ? (home > hole && home <= next) : (home > hole || home <= next);
        if (!homeBetween) {
            m_table[hole] = m_table[next];
            hole = next;
        }
        next = (next + 1) & m_mask;
    }
    m_table[hole] = 0;
}

} // namespace wt::ingest
