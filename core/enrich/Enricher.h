#pragma once
// Derives the fields an EditEvent does not carry raw: byte delta, project and language, and the
// anonymous / temporary / new-page / Wikidata-item flags. Stateless; used on the ingest thread.

#include "event/EditEvent.h"

namespace wt::enrich {

class Enricher {
public:
    // Idempotent: derived fields and flags are recomputed from the raw ones on every call.
    void enrich(event::EditEvent& e) const;
};

// True for titles matching ^Q[0-9]+$ (a Wikidata item id such as "Q42").
bool isWikidataItemTitle(std::string_view title);

} // namespace wt::enrich
