#include "notify/notify_setup.hpp"

#include "instance/init.hpp"
#include "notify/email/smtp_channel.hpp"
#include "notify/sms/aliyun_sms_channel.hpp"
#include "notify/sms/webhook_channel.hpp"

namespace certrenew::server {

std::unique_ptr<OutboxWorker> make_outbox_worker(Store& store, const Notifier& notifier,
                                                 const ServerConfig& config,
                                                 std::chrono::seconds clock_offset) {
  const NotifyConfig& nc = config.notify;
  auto templates = NotifyTemplates::load(nc.templates_dir.empty() ? find_assets_dir() / "notify"
                                                                  : nc.templates_dir);
  OutboxWorker::Channels channels;
  if (nc.email) {
    auto name = config.service_name.find("zh-CN");
    channels["email"] = std::make_unique<SmtpChannel>(
        *nc.email, name != config.service_name.end() ? name->second : std::string());
  }
  if (!nc.sms.is_null()) {
    if (nc.sms.at("provider") == "aliyun")
      channels["sms"] =
          std::make_unique<AliyunSmsChannel>(AliyunSmsConfig::from_json(nc.sms, nc.base_dir));
    else
      channels["sms"] =
          std::make_unique<WebhookSmsChannel>(WebhookSmsConfig::from_json(nc.sms, nc.base_dir));
  }
  return std::make_unique<OutboxWorker>(
      store, notifier, std::move(templates), std::move(channels), [clock_offset] {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   (std::chrono::system_clock::now() + clock_offset).time_since_epoch())
            .count();
      });
}

}  // namespace certrenew::server
