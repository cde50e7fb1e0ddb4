#pragma once
// A small HTTP/1.1 server on 127.0.0.1 that answers Wikidata `action=wbgetentities` requests
// from the real recorded answers in tests/data/wikidata/, for the label resolver's tests. It
// lives on the test's thread, records every request, and can be scripted with canned replies
// (429 with Retry-After, 500, malformed JSON, a verbatim file).

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

class QTcpSocket;

namespace wt::test {

class WbgetentitiesServer : public QObject {
    Q_OBJECT
public:
    struct Request {
        qint64 arrivedMs = 0;  // since the server started
        QUrlQuery query;
        QByteArray userAgent;
        QStringList ids() const;
    };
    struct Reply {
        int status = 200;
        QByteArray body;                          // empty with useEntities = the entities answer
        QList<QPair<QByteArray, QByteArray>> headers;
        bool useEntities = false;
    };

    explicit WbgetentitiesServer(QObject* parent = nullptr);

    bool listen();                 // 127.0.0.1, a free port
    QUrl apiUrl() const;           // http://127.0.0.1:PORT/w/api.php

    // Entities from real wbgetentities / EntityData files (all entities keyed by id).
    void loadEntities(const QString& path);
    // Labels and descriptions in these languages are removed from served entities.
    void dropLanguages(const QSet<QString>& languages) { m_dropLanguages = languages; }
    void setReplyDelayMs(int ms) { m_delayMs = ms; }
    // The next requests get these replies, in order; afterwards the entities answer.
    void enqueue(const Reply& reply) { m_script.append(reply); }

    const QList<Request>& requests() const { return m_requests; }
    int maxConcurrent() const { return m_maxConcurrent; }

private:
    void onConnection();
    void onReadable(QTcpSocket* socket);
    void answer(QTcpSocket* socket, const Reply& reply);
    QByteArray entitiesAnswer(const QUrlQuery& query) const;

    QTcpServer m_server;
    QElapsedTimer m_clock;
    QHash<QString, QJsonObject> m_entities;
    QSet<QString> m_dropLanguages;
    QList<Reply> m_script;
    QList<Request> m_requests;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    int m_delayMs = 0;
    int m_open = 0;
    int m_maxConcurrent = 0;
};

} // namespace wt::test
