// npm start's NODE_ENV, set before any other module loads (scripts/start.ts imports this first):
// React picks its development or production build when first loaded, and react-dom/server,
// which the email renderer loads later, must pick the same one (a mix fails to render:
// "dispatcher.getOwner is not a function"). next start serves the production build.
(process.env as Record<string, string>).NODE_ENV = process.argv.includes('--dev') ? 'development' : 'production';
