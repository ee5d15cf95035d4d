import { memoryStorage } from 'docket'
import { testStorage } from './conformance.js'

testStorage('memoryStorage', () => memoryStorage())
