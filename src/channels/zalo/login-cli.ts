// npm run zalo:login — logs the bot's dedicated Zalo account in by QR code, once: shows the code in the
// terminal and saves it as a PNG under ./data, then keeps the session (cookie, IMEI, user agent) in
// ZALO_CREDENTIALS_FILE, mode 0600. Later starts reuse it until Zalo ends the session.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LoginQRCallbackEventType, Zalo } from 'zca-js';
import { loadConfig, loadDotEnv } from '../../config.ts';
import { zalo as words } from '../../text/vi.ts';
import { qrModules, renderQr } from './qr-terminal.ts';
import { saveCredentials } from './session.ts';

async function login(): Promise<number> {
  loadDotEnv();
  const { zalo: settings } = loadConfig({ ...process.env, ZALO_ENABLED: 'true' });
  const credentialsFile = settings!.credentialsFile;
  const qrPath = join('data', 'zalo-qr.png');
  mkdirSync(dirname(qrPath), { recursive: true });
  console.log(words.login.intro);
  const zalo = new Zalo({ checkUpdate: false, selfListen: false, logging: false });
  let saved = false;
  const api = await zalo.loginQR({ qrPath }, async (event) => {
    switch (event.type) {
      case LoginQRCallbackEventType.QRCodeGenerated:
        await event.actions.saveToFile(qrPath);
        console.log(words.login.scan(qrPath));
        console.log(renderQr(qrModules(Buffer.from(event.data.image, 'base64'))));
        break;
      case LoginQRCallbackEventType.QRCodeExpired:
        console.log(words.login.expired);
        event.actions.retry();
        break;
      case LoginQRCallbackEventType.QRCodeScanned:
        console.log(words.login.scanned(event.data.display_name));
        break;
      case LoginQRCallbackEventType.QRCodeDeclined:
        console.log(words.login.declined);
        event.actions.abort();
        break;
      case LoginQRCallbackEventType.GotLoginInfo:
        saveCredentials(credentialsFile, { imei: event.data.imei, cookie: event.data.cookie, userAgent: event.data.userAgent });
        saved = true;
        break;
    }
  });
  if (!saved) return 1;
  console.log(words.login.saved(credentialsFile, String(api.getOwnId())));
  return 0;
}

login().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(words.login.failed(error instanceof Error ? error.message : String(error)));
    process.exit(1);
  },
);
