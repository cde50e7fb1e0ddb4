#pragma once
// Builds and vets the URLs the dashboard opens in the browser (GUI thread). Anything that came
// from the stream is untrusted: only https on Wikimedia hosts may leave the program.

#include <QString>
#include <QUrl>
#include <string>

namespace wt::ui::url {

// True for https URLs (default port, no user info) whose host is a Wikimedia project host:
// *.wikipedia.org, *.wikimedia.org, *.wikidata.org, *.wiktionary.org, ... (see the .cpp).
bool isWikimedia(const QUrl& url);

// "en.wikipedia.org" for "enwiki", "commons.wikimedia.org" for "commonswiki", ... ; empty when
// the database name is not one we can map safely.
QString hostForWiki(const std::string& wiki);

// https://<host>/wiki/<title>, spaces as underscores, percent-encoded; invalid when the host is
// not a Wikimedia host.
QUrl page(const QString& host, const QString& title);
QUrl contributions(const QString& host, const QString& user);

} // namespace wt::ui::url
