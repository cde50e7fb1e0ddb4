#include "support/WbgetentitiesServer.h"

#include <QFile>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTimer>

namespace wt::test {

QStringList WbgetentitiesServer::Request::ids() const
{
    return query.queryItemValue(QStringLiteral("ids"), QUrl::FullyDecoded).split(QLatin1Char('|'), Qt::SkipEmptyParts);
}

WbgetentitiesServer::WbgetentitiesServer(QObject* parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &WbgetentitiesServer::onConnection);
    m_clock.start();
}

bool WbgetentitiesServer::listen() { return m_server.listen(QHostAddress::LocalHost, 0); }

QUrl WbgetentitiesServer::apiUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/w/api.php").arg(m_server.serverPort()));
}

void WbgetentitiesServer::loadEntities(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject entities = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("entities")).toObject();
    for (auto it = entities.begin(); it != entities.end(); ++it)
        m_entities.insert(it.key(), it.value().toObject());
}

void WbgetentitiesServer::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_buffers.remove(socket); });
    }
}

void WbgetentitiesServer::onReadable(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    buffer.clear();
    Request request;
    request.arrivedMs = m_clock.elapsed();
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.query = QUrlQuery(QUrl(QString::fromLatin1(requestLine.value(1))).query(QUrl::FullyEncoded));
    for (const QByteArray& line : lines) {
        if (line.toLower().startsWith("user-agent:"))
            request.userAgent = line.mid(11).trimmed();
    }
    m_requests.append(request);
    m_maxConcurrent = std::max(m_maxConcurrent, ++m_open);

    Reply reply;
    if (!m_script.isEmpty())
        reply = m_script.takeFirst();
    else
        reply.useEntities = true;
    if (reply.useEntities)
        reply.body = entitiesAnswer(request.query);
    QTimer::singleShot(m_delayMs, socket, [this, socket, reply] { answer(socket, reply); });
}

void WbgetentitiesServer::answer(QTcpSocket* socket, const Reply& reply)
{
    --m_open;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + (reply.status == 200 ? " OK" : " Error") +
                      "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
                      QByteArray::number(reply.body.size()) + "\r\nConnection: close\r\n";
    for (const auto& [name, value] : reply.headers)
        head += name + ": " + value + "\r\n";
    socket->write(head + "\r\n" + reply.body);
    socket->disconnectFromHost();
}

QByteArray WbgetentitiesServer::entitiesAnswer(const QUrlQuery& query) const
{
    // As the real API: every requested id is a key; unknown ids get the real missing shape
    // ({"id":..,"missing":""}, as Q6 in wdtk_wbgetentities-Q6-Q42-P31.json); labels and
    // descriptions are limited to the requested languages.
    const QStringList ids = query.queryItemValue(QStringLiteral("ids"), QUrl::FullyDecoded).split(QLatin1Char('|'));
    const QStringList languages =
        query.queryItemValue(QStringLiteral("languages"), QUrl::FullyDecoded).split(QLatin1Char('|'));
    QJsonObject entities;
    for (const QString& id : ids) {
        auto it = m_entities.constFind(id);
        if (it == m_entities.constEnd()) {
            entities.insert(id, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("missing"), QString()}});
            continue;
        }
        QJsonObject entity = *it;
        if (!entity.contains(QLatin1String("missing"))) {
            for (const QString& field : {QStringLiteral("labels"), QStringLiteral("descriptions")}) {
                const QJsonObject all = entity.value(field).toObject();
                QJsonObject kept;
                for (const QString& lang : languages) {
                    if (all.contains(lang) && !m_dropLanguages.contains(lang))
                        kept.insert(lang, all.value(lang));
                }
                entity.insert(field, kept);
            }
            for (const char* heavy : {"claims", "sitelinks", "aliases", "statements"})
                entity.remove(QLatin1String(heavy));
        }
        entities.insert(id, entity);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("entities"), entities}, {QStringLiteral("success"), 1}})
        .toJson(QJsonDocument::Compact);
}

} // namespace wt::test
