#include "transport/SeenIds.h"

namespace wt::transport {

SeenIds::SeenIds(std::size_t capacity)
    : m_capacity(capacity == 0 ? 1 : capacity)
{
    m_set.reserve(std::min<std::size_t>(m_capacity, 1u << 16));
}

bool SeenIds::checkAndInsert(std::uint64_t idHash)
{
    if (m_set.count(idHash))
        return true;
    if (m_ring.size() < m_capacity) {
        m_ring.push_back(idHash);
    } else {
        m_set.erase(m_ring[m_next]);
        m_ring[m_next] = idHash;
        m_next = (m_next + 1) % m_capacity;
    }
    m_set.insert(idHash);
    return false;
}

} // namespace wt::transport
