import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { readNoticeTarget } from './lib/notice-target';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/auth.css';
import './styles/households.css';
import './styles/list.css';
import './styles/smart-add.css';
import './styles/categories.css';
import './styles/activity.css';
import './styles/feedback.css';

readNoticeTarget();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
