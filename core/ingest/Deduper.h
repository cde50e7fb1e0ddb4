#pragma once
// Drops events whose meta.id hash was seen among the last `horizon` distinct ids (resumes after a
// reconnect replay a few events). Bounded memory, O(1) per event. Lives on the ingest thread.

#include <cstddef>
#include <cstdint>
#include <memory>

namespace wt::ingest {

class Deduper {
public:
    explicit Deduper(std::size_t horizon = 1u << 20);

    // True when idHash is a duplicate (nothing is stored then); otherwise remembers it, forgetting
    // the oldest remembered id once `horizon` ids are held.
    bool checkAndInsert(std::uint64_t idHash);

    // Starts loading idHash's home slot into the cache; call it early, check later.
    void prefetch(std::uint64_t idHash) const
    {
        __builtin_prefetch(&m_table[slotOf(idHash != 0 ? idHash : kZeroKey)]);
    }

    std::size_t size() const { return m_size; }
    std::size_t horizon() const { return m_horizon; }

private:
    struct FreeDeleter {
        void operator()(std::uint64_t* p) const;
    };
    // 0 marks an empty slot, so the (astronomically rare) hash 0 is stored as this value.
    static constexpr std::uint64_t kZeroKey = 0x9e3779b97f4a7c15ull;

    std::size_t slotOf(std::uint64_t key) const { return static_cast<std::size_t>(key) & m_mask; }
    void erase(std::uint64_t key);

    // FIFO of the remembered ids (oldest at m_head) plus an open-addressing set of the same ids
    // (linear probing, load factor <= 1/2, 0 = empty slot, backward-shift deletion).
    std::size_t m_horizon;
    std::unique_ptr<std::uint64_t[]> m_ring;
    std::size_t m_head = 0;
    std::size_t m_size = 0;
    std::unique_ptr<std::uint64_t[], FreeDeleter> m_table; // huge pages where the OS offers them
    std::size_t m_mask = 0;
};

} // namespace wt::ingest
