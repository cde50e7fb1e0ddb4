#pragma once
// Maps a Wikimedia host name (server_name) to its project and language, and database names
// (wiki) to hosts and back. Pure functions over constant tables: safe on any thread.
//
// Rules, in this order:
//  1. an explicit table of special hosts (www.wikidata.org -> wikidata, commons.wikimedia.org ->
//     commons, test.wikipedia.org -> test, wikisource.org -> multilingual wikisource, ...);
//  2. <lang>.<project>.org for the language projects (wikipedia, wiktionary, wikibooks, wikinews,
//     wikiquote, wikisource, wikiversity, wikivoyage); "www" gives an empty language;
//  3. <code>.wikimedia.org with a language-like code (2-3 letters, optional -suffixes) is a
//     chapter wiki: project "wikimedia", language the code (de.wikimedia.org -> wikimedia/de);
//     any other <name>.wikimedia.org is project <name> (e.g. office, board);
//  4. anything else: project = the whole host, no language.
// The central login host auth.wikimedia.org is a project of its own here ("auth"); the Enricher
// attributes its events to the wiki named in `wiki` instead (see isCentralAuthHost()).
// Test wikis get their own projects ("test", "testwikidata", "testcommons") so that they never
// pollute the language rankings of the real projects.

#include <string>
#include <string_view>

namespace wt::enrich {

struct HostInfo {
    std::string_view project;  // static text, or a view into the host passed in (rules 2-4)
    std::string_view language; // empty for multilingual projects; a view into the host
};

HostInfo lookupHost(std::string_view serverName);

// The central login hosts (auth.wikimedia.org, login.wikimedia.org): since 2025 account creations
// and logins of every wiki are logged there, with `wiki` naming the wiki the account is for.
bool isCentralAuthHost(std::string_view serverName);

// Database name -> host ("enwiki" -> "en.wikipedia.org", "wikidatawiki" -> "www.wikidata.org"),
// or empty when it cannot be derived. Used only when an event lacks server_name.
std::string hostFromWiki(std::string_view wiki);

// Host -> database name ("en.wikipedia.org" -> "enwiki"), or empty when it cannot be derived.
// Used only when an event lacks wiki.
std::string wikiFromHost(std::string_view host);

} // namespace wt::enrich
